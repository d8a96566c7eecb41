import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CodeAction,
  CodeLens,
  CompletionItem,
  CompletionList,
  DocumentSymbol,
  Hover,
  InlayHint,
  Location,
  MarkupContent,
  Position,
  SignatureHelp,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { COMPLETION_LIMIT } from '../src/features/completion';
import { LspClient, fileUri } from './support/lsp';

/** One realistic project per API era, with a cursor marker `‸` where completion is asked. */
const eras = {
  '4.4': {
    config: `(* mirage >= 4.4.0 & < 4.5.0 *)
open Mirage

let port =
  let doc = Key.Arg.info ~doc:"Port to listen on." [ "port" ] in
  Key.(create "port" Arg.(opt int 8080 doc))

let stack = generic_stackv4v6 default_network
let web = foreign ~keys:[ Key.v port ] "Unikernel.Web" (pclock @-> stackv4v6 @-> job)

let () = register "web" [ web $ default_posix_clock $ ‸ ]
`,
    unikernel: `module Web (C : Mirage_clock.PCLOCK) (S : Tcpip.Stack.V4V6) = struct
  let start _clock _stack = Lwt.return_unit
end
`,
    complete: 'stack',
    fill: 'stack',
  },
  '4.8': {
    config: `(* mirage >= 4.5.0 & < 4.9.0 *)
open Mirage

let port : int Runtime_arg.arg = Runtime_arg.create ~pos:__POS__ "Unikernel.port"
let stack = generic_stackv4v6 default_network
let api = paf_server ~port (tcpv4v6_of_stackv4v6 stack)
let main = main "Unikernel.Api" (time @-> http_server @-> job)

let () = register "api" [ main $ default_time $ ‸ ]
`,
    unikernel: `module Api (T : Mirage_time.S) (H : Paf_mirage.S) = struct
  let start _time _http = Lwt.return_unit
end
`,
    complete: 'api',
    fill: 'api',
  },
  '4.11': {
    config: `(* mirage >= 4.11.0 & < 4.12.0 *)
open Mirage

let stack = generic_stackv4v6 default_network
let pages = crunch "htdocs"
let main = main "Unikernel.Main" (stackv4v6 @-> kv_ro @-> job)

let () = register "site" [ main $ ‸ ]
`,
    unikernel: `module Main (S : Tcpip.Stack.V4V6) (K : Mirage_kv.RO) = struct
  let start _stack _kv = Lwt.return_unit
end
`,
    complete: 'stack',
    fill: 'stack $ pages',
  },
};

function positionOf(text: string, needle: string, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not found`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

const items = (r: CompletionItem[] | CompletionList | null) =>
  Array.isArray(r) ? r : (r?.items ?? []);

for (const [era, project] of Object.entries(eras)) {
  describe(`editor features over JSON-RPC, mirage ${era} project`, function () {
    let client: LspClient;
    let uri: string;
    const cursor = positionOf(project.config, '‸');
    const incomplete = project.config.replace('‸', '');
    const text = project.config.replace('‸', project.fill);
    before(async () => {
      const dir = mkdtempSync(join(tmpdir(), `mirage-lsp-features-${era}-`));
      writeFileSync(join(dir, 'config.ml'), text);
      writeFileSync(join(dir, 'unikernel.ml'), project.unikernel);
      uri = fileUri(join(dir, 'config.ml'));
      client = await LspClient.start();
      await client.open(uri, text, 1);
      await client.diagnostics((d) => d.uri === uri);
    });
    after(async () => {
      await client.stop();
    });

    it('completes after `$` with the devices that fit first', async () => {
      await client.change(uri, 10, [{ text: incomplete }]);
      const r = items(
        await client.request('textDocument/completion', {
          textDocument: { uri },
          position: cursor,
        }),
      );
      await client.change(uri, 11, [{ text }]);
      const sorted = [...r].sort((a, b) =>
        (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label),
      );
      assert.equal(
        sorted[0].label,
        project.complete,
        sorted
          .slice(0, 5)
          .map((i) => `${i.label}:${i.sortText}`)
          .join(' '),
      );
      assert.ok(sorted[0].detail?.endsWith('impl'));
    });

    it('completes DSL names with their type and docs', async () => {
      const line = text.split('\n').findIndex((l) => l.startsWith('let stack'));
      const r = items(
        await client.request('textDocument/completion', {
          textDocument: { uri },
          position: { line, character: 'let stack = generic_st'.length },
        }),
      );
      const item = r.find((i) => i.label === 'generic_stackv4v6');
      assert.ok(item, r.map((i) => i.label).join(','));
      assert.match(item.detail ?? '', /network impl -> stackv4v6 impl$/);
      const resolved = await client.request<CompletionItem>('completionItem/resolve', item);
      assert.ok(String((resolved.documentation as MarkupContent).value).length > 10);
    });

    it('hovers with the inferred type, and a target matrix on register', async () => {
      const h = await client.request<Hover>('textDocument/hover', {
        textDocument: { uri },
        position: positionOf(text, 'generic_stackv4v6'),
      });
      assert.match((h.contents as MarkupContent).value, /val generic_stackv4v6 : .*stackv4v6 impl/);
      const local = await client.request<Hover>('textDocument/hover', {
        textDocument: { uri },
        position: positionOf(text, 'stack ='),
      });
      assert.match((local.contents as MarkupContent).value, /stack : stackv4v6 impl/);
      const reg = await client.request<Hover>('textDocument/hover', {
        textDocument: { uri },
        position: positionOf(text, 'register'),
      });
      const matrix = (reg.contents as MarkupContent).value;
      assert.match(matrix, /\| `unix` \| ✓/);
      assert.match(matrix, /\| `hvt` \|/);
    });

    it('gives signature help for labelled DSL functions', async () => {
      const p = positionOf(text, 'default_network');
      const s = await client.request<SignatureHelp>('textDocument/signatureHelp', {
        textDocument: { uri },
        position: p,
      });
      assert.ok(s.signatures[0].label.startsWith('generic_stackv4v6 :'));
      const active = s.signatures[0].parameters![s.activeParameter ?? 0].label;
      assert.equal(active, 'network impl');
    });

    it('navigates: definition, references, rename, symbols', async () => {
      const use = positionOf(text, `$ ${project.fill}`);
      use.character += 2;
      const def = await client.request<Location>('textDocument/definition', {
        textDocument: { uri },
        position: use,
      });
      assert.equal(
        def.range.start.line,
        positionOf(text, `let ${project.fill.split(' ')[0]} `).line,
      );
      const refs = await client.request<Location[]>('textDocument/references', {
        textDocument: { uri },
        position: use,
        context: { includeDeclaration: true },
      });
      assert.ok(refs.length >= 2);
      const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
        textDocument: { uri },
        position: use,
        newName: 'net_stack',
      });
      assert.equal(edit.changes![uri].length, refs.length);
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
        textDocument: { uri },
      });
      assert.ok(symbols.some((s) => s.name === 'stack'));
      assert.ok(symbols.some((s) => s.name.startsWith('register ')));
    });

    it('jumps from the main string to the module in unikernel.ml', async () => {
      const name = /"(Unikernel\.[A-Z]\w*)"/.exec(text)![1];
      const p = positionOf(text, `"${name}"`);
      const def = await client.request<Location>('textDocument/definition', {
        textDocument: { uri },
        position: { ...p, character: p.character + 3 },
      });
      assert.match(def.uri, /unikernel\.ml$/);
      assert.equal(def.range.start.line, 0);
    });

    it('shows device types as inlay hints and lenses over register', async () => {
      const hints = await client.request<InlayHint[]>('textDocument/inlayHint', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } },
      });
      assert.ok(hints.some((h) => h.label === ': stackv4v6'));
      const lenses = await client.request<CodeLens[]>('textDocument/codeLens', {
        textDocument: { uri },
      });
      assert.deepEqual(
        lenses.map((l) => l.command?.title),
        ['▶ Run on unix', 'Build', 'Configure', 'Debug'],
      );
    });

    it('returns the device graph', async () => {
      const g = await client.request<{ nodes: { label: string }[]; edges: unknown[] }>(
        'mirage/deviceGraph',
        { uri, target: 'hvt' },
      );
      assert.ok(g.nodes.some((n) => n.label === 'generic_stackv4v6'));
      assert.ok(g.edges.length > 0);
    });

    it('offers a quick fix that works', async () => {
      const broken = text.replace('default_network', 'defualt_network');
      await client.change(uri, 20, [{ text: broken }]);
      const p = await client.diagnostics((d) => d.uri === uri && d.version === 20);
      const diag = p.diagnostics.find((d) => d.code === 'E101')!;
      assert.ok(diag);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: diag.range,
        context: { diagnostics: [diag] },
      });
      assert.ok(
        actions.some((a) => a.title === 'Replace `defualt_network` with `default_network`'),
      );
      await client.change(uri, 21, [{ text }]);
    });
  });
}

describe('semantic tokens over JSON-RPC', () => {
  it('marks device types, devices and target tags', async () => {
    const client = await LspClient.start();
    try {
      const uri = 'file:///tmp/mirage-lsp-tokens/config.ml';
      const text =
        'open Mirage\nlet net = match_impl Key.(value target) [ (`Hvt, netif "service") ] ~default:default_network\nlet main = main "Unikernel.Main" (network @-> job)\nlet () = register "x" [ main $ net ]\n';
      await client.open(uri, text, 1);
      await client.diagnostics((p) => p.uri === uri && p.version === 1);
      const caps = client.capabilities as {
        semanticTokensProvider?: { legend: { tokenTypes: string[] } };
      };
      const legend = caps.semanticTokensProvider!.legend.tokenTypes;
      const { data } = await client.request<{ data: number[] }>(
        'textDocument/semanticTokens/full',
        { textDocument: { uri } },
      );
      const found: string[] = [];
      let line = 0;
      let char = 0;
      for (let i = 0; i < data.length; i += 5) {
        line += data[i];
        char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
        const word = text.split('\n')[line].slice(char, char + data[i + 2]);
        found.push(`${word}:${legend[data[i + 3]]}`);
      }
      assert.ok(found.includes('network:type'), found.join(' '));
      assert.ok(found.includes('default_network:variable'), found.join(' '));
      assert.ok(found.includes('netif:function'), found.join(' '));
      assert.ok(found.includes('`Hvt:enumMember'), found.join(' '));
    } finally {
      await client.stop();
    }
  });
});

describe('completion in a long config', () => {
  it('sends the best 100 items, marked incomplete, with the devices that fit first', async () => {
    const client = await LspClient.start();
    try {
      const uri = 'file:///tmp/mirage-lsp-long-completion/config.ml';
      const lines = ['open Mirage'];
      for (let i = 0; i < 150; i++) {
        lines.push(`let block_${i} = block_of_file "disk${i}"`);
        lines.push(`let net_${i} = netif "tap${i}"`);
      }
      lines.push('let stack = generic_stackv4v6 default_network');
      lines.push('let main = main "Unikernel.Main" (stackv4v6 @-> job)');
      lines.push('let () = register "x" [ main $  ]');
      const text = lines.join('\n') + '\n';
      await client.open(uri, text, 1);
      await client.diagnostics((p) => p.uri === uri && p.version === 1);
      const at = { line: lines.length - 1, character: lines[lines.length - 1].length - 2 };
      const r = await client.request<CompletionList>('textDocument/completion', {
        textDocument: { uri },
        position: at,
      });
      assert.equal(r.isIncomplete, true);
      assert.equal(r.items.length, COMPLETION_LIMIT);
      const sorted = [...r.items].sort((a, b) =>
        (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label),
      );
      assert.equal(sorted[0].label, 'stack');
      // Typing narrows the list, which then fits in one complete answer.
      const typed = text.replace('[ main $  ]', '[ main $ net_1 ]');
      await client.change(uri, 2, [{ text: typed }]);
      const r2 = await client.request<CompletionItem[] | CompletionList>(
        'textDocument/completion',
        { textDocument: { uri }, position: { line: at.line, character: at.character + 5 } },
      );
      assert.ok(Array.isArray(r2), 'a complete list');
      // net_1, net_10 … net_19, net_100 … net_149
      assert.equal(items(r2).length, 61);
      assert.ok(items(r2).every((i) => i.label.startsWith('net_1')));
    } finally {
      await client.stop();
    }
  });
});
