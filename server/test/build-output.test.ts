import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Diagnostic } from 'vscode-languageserver-types';
import { ConfigFacts, configFacts } from '../src/build/facts';
import { FileDiagnostics, locateMessages, spanRange, utf16Column } from '../src/build/locate';
import { mainMlOrigins } from '../src/build/mainml';
import { ToolMessage, fallbackMessage, parseToolOutput } from '../src/build/output';
import { conformanceDir, loadCases } from './support/conformance';
import { testRuntime } from './support/runtime';

/** The tool output of a recorded run: without the `$ mirage configure` line and `exit code`. */
function recordedOutput(raw: string): string {
  return raw
    .split('\n')
    .slice(1)
    .join('\n')
    .replace(/exit code: \d+\n*$/, '');
}

const KIND: Record<string, string> = { other: 'cli' };
const squash = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .join('\n');

async function factsOf(text: string): Promise<ConfigFacts> {
  const { parsers } = await testRuntime();
  const tree = parsers.parse(text);
  try {
    return configFacts(text, tree);
  } finally {
    tree.delete();
  }
}

/** Places messages as if the project were `/u` holding the given files. */
async function place(
  output: string,
  files: Record<string, string>,
  source = 'make build',
): Promise<{ messages: ToolMessage[]; diagnostics: FileDiagnostics }> {
  const messages = parseToolOutput(output);
  const facts = files['config.ml'] !== undefined ? await factsOf(files['config.ml']) : null;
  const diagnostics = locateMessages(messages, {
    dir: '/u',
    readText: (p) => (p.startsWith('/u/') ? (files[p.slice(3)] ?? null) : null),
    facts,
    source,
  });
  return { messages, diagnostics };
}

function only(d: FileDiagnostics, file: string): Diagnostic {
  const list = d.get(file);
  assert.ok(list, `no diagnostics on ${file}; have ${[...d.keys()].join(', ')}`);
  assert.equal(list.length, 1, JSON.stringify(list, null, 1));
  return list[0];
}

const dir = conformanceDir();

describe('build output: the real mirage configure output of every conformance run', function () {
  if (!dir) {
    it('needs ../shared/conformance', function () {
      this.skip();
    });
    return;
  }
  const cases = loadCases(dir);
  before(() => testRuntime());

  for (const c of cases) {
    it(`${c.id} (${Object.keys(c.expected).length} targets)`, async () => {
      const configText = readFileSync(join(c.dir, 'config.ml'), 'utf8');
      const facts = await factsOf(configText);
      for (const [target, run] of Object.entries(c.expected)) {
        const raw = (run as unknown as { raw: string }).raw;
        const messages = parseToolOutput(recordedOutput(raw));
        const errs = messages.filter((m) => m.severity === 'error');
        const warns = messages.filter((m) => m.severity === 'warning');
        const expectedWarnings = (
          run as unknown as { warnings: { line: number; message: string }[] }
        ).warnings;
        const at = `${c.id} on ${target}`;
        assert.equal(errs.length, run.errors.length, `${at}: errors ${JSON.stringify(errs)}`);
        assert.equal(warns.length, expectedWarnings.length, `${at}: warnings`);
        run.errors.forEach((e, i) => {
          const m = errs[i];
          const full = (e as unknown as { fullMessage: string; related?: unknown[] }).fullMessage;
          assert.equal(m.kind, KIND[e.kind] ?? e.kind, `${at}: kind of ${e.message}`);
          assert.equal(m.message, e.message, at);
          if (e.kind !== 'other') assert.equal(squash(m.fullMessage), squash(full), at);
          if (e.line === null) assert.equal(m.span, null, at);
          else
            assert.deepEqual(
              m.span,
              {
                file: e.file,
                line: e.line,
                endLine: e.endLine ?? e.line,
                startByte: e.startCol,
                endByte: e.endCol,
              },
              at,
            );
          const related = (e as unknown as { related?: unknown[] }).related ?? [];
          assert.equal(m.related.length, related.length, `${at}: related locations`);
        });
        expectedWarnings.forEach((w, i) => {
          assert.equal(warns[i].message, w.message, at);
          assert.equal(warns[i].span?.line, w.line, at);
        });

        // Every error lands on config.ml, tool-level ones on the anchor the suite names.
        const diagnostics = locateMessages(messages, {
          dir: c.dir,
          readText: (p) => (p === join(c.dir, 'config.ml') ? configText : null),
          facts,
          source: 'mirage configure',
        });
        const onConfig = (diagnostics.get(join(c.dir, 'config.ml')) ?? []).filter(
          (d) => d.severity === 1,
        );
        assert.equal(onConfig.length, run.errors.length, `${at}: errors on config.ml`);
        run.errors.forEach((e, i) => {
          const d = onConfig[i];
          if (e.line !== null) {
            const lines = configText.split('\n').length;
            assert.equal(d.range.start.line, Math.min(e.line, lines) - 1, `${at}: line`);
          } else {
            const anchors = c.anchors?.[e.kind];
            if (anchors) {
              assert.ok(
                anchors.some((a) => a.line - 1 === d.range.start.line),
                `${at}: ${e.kind} error on line ${d.range.start.line + 1}, anchors ${anchors.map((a) => a.line)}`,
              );
            }
          }
        });
      }
    });
  }
});

describe('build output: shapes beyond configure', function () {
  before(() => testRuntime());

  const unikernel = `module Main (S : Tcpip.Stack.V4V6) = struct
  let start s =
    let greeting = "héllo 🙂" in Logs.info (fun m -> m "%s %d" greeting s);
    Lwt.return_unit
end
`;

  it('reads a multi-line type error in unikernel.ml from dune, with UTF-16 columns', async () => {
    const output = `dune build --profile release --root . ./dist
File "unikernel.ml", line 3, characters 75-76:
3 |     let greeting = "héllo 🙂" in Logs.info (fun m -> m "%s %d" greeting s);
                                                                          ^
Error: This expression has type S.t but an expression was expected of type
         int
make: *** [Makefile:39: build] Error 1
`;
    const { messages, diagnostics } = await place(output, { 'unikernel.ml': unikernel });
    assert.equal(messages.length, 1);
    const d = only(diagnostics, '/u/unikernel.ml');
    assert.equal(
      String(d.message),
      'This expression has type S.t but an expression was expected of type\n  int',
    );
    assert.equal(d.source, 'make build');
    // Bytes 75-76 of the line; é is 2 bytes and 🙂 4 bytes in UTF-8, 1 and 2 units in UTF-16.
    const line = unikernel.split('\n')[2];
    assert.equal(line.slice(d.range.start.character, d.range.end.character), 's');
    assert.deepEqual(d.range, {
      start: { line: 2, character: 72 },
      end: { line: 2, character: 73 },
    });
  });

  it('reads dune errors with and without a location, and the targets that needed them', async () => {
    const duneBuild = `(copy_files# ./mirage/main.ml)

(executable
 (name main)
 (libraries foo.bar mirage-runtime))
`;
    const output = `File "dune.build", line 5, characters 12-19:
5 |  (libraries foo.bar mirage-runtime))
                ^^^^^^^
Error: Library "foo.bar" not found.
-> required by _build/solo5/main.exe
-> required by alias dist/default
Error: No rule found for alias dist/default
make: *** [Makefile:39: build] Error 1
`;
    const { messages, diagnostics } = await place(output, {
      'dune.build': duneBuild,
      'config.ml': 'open Mirage\nlet () = register "x" []\n',
    });
    assert.deepEqual(
      messages.map((m) => [m.kind, m.message]),
      [
        ['dune', 'Library "foo.bar" not found.'],
        ['dune', 'No rule found for alias dist/default'],
      ],
    );
    const lib = only(diagnostics, '/u/dune.build');
    assert.match(String(lib.message), /-> required by alias dist\/default$/);
    assert.deepEqual(lib.range.start, { line: 4, character: 12 });
    // Without a location: on the register call of config.ml.
    const rule = only(diagnostics, '/u/config.ml');
    assert.deepEqual(rule.range.start, { line: 1, character: 9 });
  });

  it('reads warnings turned into errors, alerts and old-style warnings', () => {
    const output = `File "unikernel.ml", line 7, characters 6-9:
7 |   let foo = 1
          ^^^
Error (warning 32 [unused-value-declaration]): unused value foo.
File "config.ml", line 3, characters 11-15:
Alert deprecated: Mirage.etif
Deprecated. Use [ethif] instead.
File "config.ml", lines 5-6, characters 31-64:
Warning 8: this pattern-matching is not exhaustive.
Here is an example of a case that is not matched:
_::_::_
mirage: [WARNING] Skipping version check, since our_version is not watermarked
mirage: [INFO] reading config.ml
`;
    const m = parseToolOutput(output);
    assert.deepEqual(
      m.map((x) => [x.severity, x.kind, x.code, x.message, x.span?.line ?? null]),
      [
        [
          'error',
          'warning',
          'warning 32 [unused-value-declaration]',
          'Warning 32 [unused-value-declaration]: unused value foo.',
          7,
        ],
        ['warning', 'alert', 'alert deprecated', 'Alert deprecated: Mirage.etif', 3],
        [
          'warning',
          'warning',
          'warning 8',
          'Warning 8: this pattern-matching is not exhaustive.',
          5,
        ],
        [
          'warning',
          'tool',
          undefined,
          'mirage: [WARNING] Skipping version check, since our_version is not watermarked',
          null,
        ],
      ],
    );
    assert.equal(
      m[0].fullMessage,
      'Error (warning 32 [unused-value-declaration]): unused value foo.',
    );
    assert.equal(m[2].span?.endLine, 6);
    assert.match(m[2].fullMessage, /_::_::_$/);
  });

  it('strips terminal colours and carriage returns', () => {
    const output =
      '\x1b[1mFile "config.ml", line 2, characters 0-3:\x1b[0m\r\n\x1b[1;31mError\x1b[0m: Unbound value foo\r\n';
    const [m] = parseToolOutput(output);
    assert.equal(m.kind, 'unbound');
    assert.equal(m.message, 'Unbound value foo');
    assert.equal(m.span?.line, 2);
  });

  it('unwraps cmdliner errors and leaves out the usage lines', () => {
    const [m] =
      parseToolOutput(`mirage: option '--block': invalid value 'floppy', expected one of 'xenstore',
        'file' or 'ramdisk'
Usage: mirage configure [OPTION]…
Try 'mirage configure --help' or 'mirage --help' for more information.
`);
    assert.equal(
      m.fullMessage,
      "mirage: option '--block': invalid value 'floppy', expected one of 'xenstore', 'file' or 'ramdisk'",
    );
  });

  it('says why a step failed when its output has no recognisable error', async () => {
    const output = `opam monorepo lock --require-cross-compile --build-only hello-hvt
[ERROR] Could not resolve: conflict between ocaml-solo5 and ocaml >= 5.4
make: *** [Makefile:22: lock] Error 1
`;
    assert.deepEqual(parseToolOutput(output), []);
    const f = fallbackMessage(output, 'make depend', 2);
    assert.equal(f.message, 'make depend failed with exit code 2');
    assert.match(f.fullMessage, /Could not resolve/);
    const { diagnostics } = await place('', {
      'config.ml': 'let () = Mirage.register "hello" []\n',
    });
    assert.equal(diagnostics.size, 0);
  });

  it('clamps a location past the last line onto the end of the file', () => {
    const text = 'let x =\n  1 +\n';
    const r = spanRange(text, { file: 'config.ml', line: 4, endLine: 4, startByte: 0, endByte: 0 });
    assert.deepEqual(r.start, { line: 2, character: 0 });
    assert.equal(utf16Column('a🙂b', 5), 3);
    assert.equal(utf16Column('a🙂b', 99), 4);
  });
});

describe('build output: errors in the generated mirage/main.ml', function () {
  before(() => testRuntime());

  const config = `(* mirage >= 4.11.0 & < 4.12.0 *)
open Mirage

let app = main "App.Make" (random @-> job)
let other = main "Other.Main" job

let () = register "random" [ app $ default_random; other ]
`;
  // A main.ml as mirage 4.11 generates it (functor applications, then lazy bindings).
  const mainMl = `open Lwt.Infix
type 'a io = 'a Lwt.t
let return = Lwt.return
let run t = Unix_os.Main.run t ; exit 0

# 6 "mirage/main.ml"

module Rng_make__4 = Mirage_crypto_rng_mirage.Make(Unix_os.Time)(Mclock)

# 10 "mirage/main.ml"

module App_make__5 = App.Make(Rng_make__4)

let rng_make__4 = lazy (
  Rng_make__4.initialize (module Mirage_crypto_rng.Fortuna)
);;
# 18 "mirage/main.ml"

let app_make__5 = lazy (
  let __rng_make__4 = Lazy.force rng_make__4 in
  __rng_make__4 >>= fun _rng_make__4 ->
  (App_make__5.start _rng_make__4 : unit io)
);;
# 25 "mirage/main.ml"

let () =
  let t = Lazy.force app_make__5 in
  run t
;;
`;

  it('traces a line to the functor it applies or starts', () => {
    assert.deepEqual(mainMlOrigins(mainMl, 12)[0], 'App.Make');
    assert.deepEqual(mainMlOrigins(mainMl, 23)[0], 'App.Make');
    assert.deepEqual(mainMlOrigins(mainMl, 8)[0], 'Mirage_crypto_rng_mirage.Make');
  });

  it('puts a functor signature mismatch on the `main "App.Make"` of config.ml', async () => {
    const output = `File "mirage/main.ml", line 12, characters 21-50:
12 | module App_make__5 = App.Make(Rng_make__4)
                          ^^^^^^^^^^^^^^^^^^^^^
Error: Modules do not match:
       Rng_make__4 :
       sig val generate : ?g:g -> int -> string end
     is not included in
       Mirage_crypto_rng_mirage.S
`;
    const { diagnostics } = await place(output, { 'config.ml': config, 'mirage/main.ml': mainMl });
    assert.equal(diagnostics.get('/u/mirage/main.ml'), undefined);
    const d = only(diagnostics, '/u/config.ml');
    const line = config.split('\n')[3];
    assert.equal(d.range.start.line, 3);
    assert.equal(line.slice(d.range.start.character, d.range.end.character), '"App.Make"');
    assert.match(
      String(d.message),
      /^In the generated mirage\/main\.ml, line 12 \(from `main "App\.Make"`\): Modules do not match/,
    );
    assert.equal(d.relatedInformation?.[0].location.uri, 'file:///u/mirage/main.ml');
    assert.equal(d.relatedInformation?.[0].location.range.start.line, 11);
  });

  it('maps a start-call error (copied main.ml) and falls back to register', async () => {
    const start = `File "main.ml", line 23, characters 3-21:
Error: This expression has type int -> unit io
       but an expression was expected of type unit io
`;
    const a = await place(start, { 'config.ml': config, 'mirage/main.ml': mainMl });
    const d = only(a.diagnostics, '/u/config.ml');
    assert.equal(d.range.start.line, 3);

    const untraced = `File "mirage/main.ml", line 27, characters 2-7:
Error: Unbound value run
`;
    const b = await place(untraced, { 'config.ml': config, 'mirage/main.ml': mainMl });
    const r = only(b.diagnostics, '/u/config.ml');
    assert.deepEqual(r.range.start, { line: 6, character: 9 });
    assert.equal(
      config.split('\n')[6].slice(r.range.start.character, r.range.end.character),
      'register "random"',
    );
  });

  it('puts code mirage generated from its own sources on register', async () => {
    const output = `File "lib/devices/argv.ml", line 15, characters 4-30:
Error: Unbound module Mirage_bootvar
`;
    const { diagnostics } = await place(output, { 'config.ml': config, 'mirage/main.ml': mainMl });
    const d = only(diagnostics, '/u/config.ml');
    assert.equal(d.range.start.line, 6);
    assert.match(
      String(d.message),
      /^In code mirage generated from lib\/devices\/argv\.ml, line 15: Unbound module/,
    );
  });
});
