import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { IGrammar, INITIAL, Registry, StateStack, parseRawGrammar } from 'vscode-textmate';

const root = resolve(__dirname, '../../../..');
const grammarPath = join(root, 'syntaxes', 'mirage-config.tmLanguage.json');
const SCOPE = 'source.ocaml.mirage-config';

interface Token {
  line: number;
  text: string;
  scopes: string[];
}

/** Tokenises with the same engine VS Code uses (vscode-textmate over oniguruma). */
async function loadGrammar(): Promise<IGrammar> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) =>
      scope === SCOPE ? parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  const grammar = await registry.loadGrammar(SCOPE);
  if (!grammar) throw new Error('grammar did not load');
  return grammar;
}

function tokenize(grammar: IGrammar, text: string): Token[] {
  let state: StateStack = INITIAL;
  const out: Token[] = [];
  text.split('\n').forEach((line, n) => {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) {
      out.push({ line: n, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    state = r.ruleStack;
  });
  return out;
}

describe('TextMate grammar for config.ml', function () {
  let grammar: IGrammar;
  before(async () => {
    grammar = await loadGrammar();
  });

  /** The innermost scope of the (n-th) token whose text is exactly `text`. */
  function scopeOf(src: string, text: string, nth = 0): string {
    const matches = tokenize(grammar, src).filter((t) => t.text === text);
    assert.ok(
      matches[nth],
      `no token ${JSON.stringify(text)} in ${JSON.stringify(tokenize(grammar, src).map((t) => t.text))}`,
    );
    return matches[nth].scopes[matches[nth].scopes.length - 1];
  }

  function scopesOf(src: string, text: string): string[] {
    const t = tokenize(grammar, src).find((x) => x.text === text);
    assert.ok(t, `no token ${JSON.stringify(text)}`);
    return t.scopes;
  }

  it('is registered for the mirage-config language in package.json', function () {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      contributes: { grammars: { language: string; scopeName: string; path: string }[] };
    };
    assert.deepEqual(pkg.contributes.grammars, [
      {
        language: 'mirage-config',
        scopeName: SCOPE,
        path: './syntaxes/mirage-config.tmLanguage.json',
      },
    ]);
  });

  it('highlights a whole config.ml: open, bindings, strings, DSL operators', function () {
    const src = [
      '(* mirage >= 4.11.0 & < 4.12.0 *)',
      'open Mirage',
      '',
      'let port = runtime_arg ~pos:__POS__ "Unikernel.port"',
      'let main = main ~runtime_args:[ port ] "Unikernel.Main" (stackv4v6 @-> job)',
      'let stack = generic_stackv4v6 default_network',
      'let () = register "hello" [ main $ stack ]',
    ].join('\n');
    assert.equal(scopeOf(src, '(*'), 'punctuation.definition.comment.begin.ocaml');
    assert.ok(scopesOf(src, ' mirage >= 4.11.0 & < 4.12.0 ').includes('comment.block.ocaml'));
    assert.equal(scopeOf(src, 'open'), 'keyword.control.import.ocaml');
    assert.equal(scopeOf(src, 'Mirage'), 'entity.name.namespace.ocaml');
    assert.equal(scopeOf(src, 'port'), 'entity.name.function.binding.ocaml');
    assert.equal(scopeOf(src, 'pos'), 'variable.parameter.label.ocaml');
    assert.equal(scopeOf(src, 'runtime_args'), 'variable.parameter.label.ocaml');
    assert.equal(scopeOf(src, '__POS__'), 'constant.language.location.ocaml');
    assert.ok(scopesOf(src, 'Unikernel.Main').includes('string.quoted.double.ocaml'));
    assert.equal(scopeOf(src, '@->'), 'keyword.operator.device-arrow.mirage');
    assert.equal(scopeOf(src, '$'), 'keyword.operator.device-application.mirage');
    assert.equal(scopeOf(src, '()'), 'constant.language.unit.ocaml');
    assert.equal(scopeOf(src, 'let'), 'keyword.other.let.ocaml');
  });

  it('nests comments, and a "*)" inside a string in a comment does not close it', function () {
    const src = '(* outer (* inner *) still comment "not *) closed" end *) let x = 1';
    const tokens = tokenize(grammar, src);
    const inComment = (text: string): boolean =>
      tokens
        .filter((t) => t.text.includes(text))
        .every((t) => t.scopes.includes('comment.block.ocaml'));
    assert.ok(inComment('still comment'));
    assert.ok(inComment(' end '));
    assert.ok(scopesOf(src, 'not *) closed').includes('string.quoted.double.ocaml'));
    assert.equal(scopeOf(src, 'x'), 'entity.name.function.binding.ocaml');
    assert.equal(scopeOf(src, '1'), 'constant.numeric.integer.decimal.ocaml');
    assert.equal(
      scopeOf('(** A doc comment *)', '(**'),
      'punctuation.definition.comment.begin.ocaml',
    );
    assert.ok(
      scopesOf('(** A doc comment *)', ' A doc comment ').includes(
        'comment.block.documentation.ocaml',
      ),
    );
  });

  it('keeps a comment open across lines', function () {
    const src = '(* first\n   second *)\nlet y = 2';
    assert.ok(scopesOf(src, '   second ').includes('comment.block.ocaml'));
    assert.equal(scopeOf(src, 'y'), 'entity.name.function.binding.ocaml');
  });

  it('scopes strings: escapes, format conversions, quoted strings', function () {
    const src = 'let s = Fmt.str "%s.connect %a\\n" x {id|raw "text"|id}';
    assert.equal(scopeOf(src, '%s'), 'constant.other.placeholder.ocaml');
    assert.equal(scopeOf(src, '%a'), 'constant.other.placeholder.ocaml');
    assert.equal(scopeOf(src, '\\n'), 'constant.character.escape.ocaml');
    assert.ok(scopesOf(src, 'raw "text"').includes('string.quoted.other.ocaml'));
    assert.equal(scopeOf(src, 'Fmt'), 'entity.name.namespace.ocaml');
  });

  it('tells a character literal from a type variable', function () {
    const src = "let c = 'a' and d = '\\n' and e = '\\065'\ntype 'a t = 'a list";
    assert.equal(scopeOf(src, "'a'"), 'string.quoted.single.ocaml');
    assert.equal(scopeOf(src, '\\n'), 'constant.character.escape.ocaml');
    assert.equal(scopeOf(src, "'a"), 'storage.type.type-variable.ocaml');
  });

  it('scopes numbers', function () {
    const cases: [string, string][] = [
      ['42', 'constant.numeric.integer.decimal.ocaml'],
      ['1_000_000', 'constant.numeric.integer.decimal.ocaml'],
      ['0xff', 'constant.numeric.integer.hexadecimal.ocaml'],
      ['0o755', 'constant.numeric.integer.octal.ocaml'],
      ['0b1010', 'constant.numeric.integer.binary.ocaml'],
      ['3.14', 'constant.numeric.float.ocaml'],
      ['1e10', 'constant.numeric.float.ocaml'],
      ['32l', 'constant.numeric.integer.decimal.ocaml'],
    ];
    for (const [n, scope] of cases) assert.equal(scopeOf(`let n = ${n}`, n), scope, n);
  });

  it('scopes keywords, labels, polymorphic variants, operators and module paths', function () {
    const src = [
      'let net = if_impl Key.is_solo5 (netif ?group:(Some "x") "service") default_network',
      'let f ~src x = match x with `Auto -> x |> g @@ h | _ -> Mirage.Key.create "k" src',
      'let open Key in',
      'module Main (S : Tcpip.Stack.V4V6) = struct end',
    ].join('\n');
    assert.equal(scopeOf(src, 'group'), 'variable.parameter.label.ocaml');
    assert.equal(scopeOf(src, 'src'), 'variable.parameter.label.ocaml');
    assert.equal(scopeOf(src, '`Auto'), 'constant.other.polymorphic-variant.ocaml');
    assert.equal(scopeOf(src, '|>'), 'keyword.operator.application.ocaml');
    assert.equal(scopeOf(src, '@@'), 'keyword.operator.application.ocaml');
    assert.equal(scopeOf(src, '->'), 'keyword.operator.arrow.ocaml');
    assert.equal(scopeOf(src, 'match'), 'keyword.control.ocaml');
    assert.equal(scopeOf(src, 'with'), 'keyword.control.ocaml');
    assert.equal(scopeOf(src, 'Key'), 'entity.name.namespace.ocaml');
    assert.equal(scopeOf(src, 'Some'), 'entity.name.type.constructor.ocaml');
    assert.equal(scopeOf(src, 'Key', 1), 'entity.name.namespace.ocaml'); // Mirage.Key.create
    assert.equal(scopeOf(src, 'Key', 2), 'entity.name.namespace.ocaml'); // let open Key in
    assert.equal(scopeOf(src, 'open'), 'keyword.control.import.ocaml'); // let open Key in
    assert.equal(scopeOf(src, 'in'), 'keyword.other.ocaml');
    assert.equal(scopeOf(src, 'Main'), 'entity.name.type.module.ocaml');
    assert.equal(scopeOf(src, 'V4V6'), 'entity.name.type.constructor.ocaml');
    assert.equal(scopeOf(src, 'Tcpip'), 'entity.name.namespace.ocaml');
    assert.equal(scopeOf(src, 'struct'), 'keyword.other.ocaml');
  });

  it('ends an unterminated string at the end of the file without throwing', function () {
    const tokens = tokenize(grammar, 'let s = "never closed\nlet t = 1');
    assert.ok(tokens.length > 0);
  });
});
