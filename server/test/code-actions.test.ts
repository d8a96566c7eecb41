import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { AnalysisOptions } from '../src/analysis/check';
import { codeActions } from '../src/features/codeActions';
import { parseVersion } from '../src/signatures/eras';
import { conformanceDir, loadCases } from './support/conformance';
import { analyze, errors, testRuntime } from './support/runtime';
import { Runtime } from '../src/project/runtime';

let runtime: Runtime;
const uri = 'file:///p/config.ml';

function actionsFor(text: string, options: AnalysisOptions) {
  const analysis = analyze(text, options);
  const tree = runtime.parsers.parseSyntax(text);
  {
    const view = { uri, text, tree, analysis };
    const range = { start: { line: 0, character: 0 }, end: analysis.lines.position(text.length) };
    return {
      analysis,
      actions: codeActions(
        view,
        range,
        analysis.diagnostics,
        (t) => analyze(t, options).diagnostics,
      ),
    };
  }
}

/** Applies a workspace edit's changes for our document (edits do not overlap). */
function apply(text: string, action: CodeAction): string {
  const edits: TextEdit[] = action.edit?.changes?.[uri] ?? [];
  const a = analyze(text);
  const sorted = [...edits].sort(
    (x, y) => a.lines.offset(y.range.start) - a.lines.offset(x.range.start),
  );
  let out = text;
  for (const e of sorted)
    out =
      out.slice(0, a.lines.offset(e.range.start)) +
      e.newText +
      out.slice(a.lines.offset(e.range.end));
  return out;
}

function fixOnce(text: string, title: RegExp, options: AnalysisOptions = {}): string {
  const { actions } = actionsFor(text, options);
  const action = actions.find((x) => title.test(x.title));
  assert.ok(action, `no action matching ${title}; got ${actions.map((x) => x.title).join(' | ')}`);
  const fixed = apply(text, action);
  assert.deepEqual(
    errors(analyze(fixed, options)).map((d) => d.message),
    [],
    `after "${action.title}":\n${fixed}`,
  );
  return fixed;
}

describe('quick fixes: each edit yields a file the checker accepts', () => {
  before(async () => {
    runtime = await testRuntime();
  });

  it('replaces a removed name (foreign → main)', () => {
    const out = fixOnce(
      'open Mirage\nlet main = foreign "Unikernel.Main" (job @-> job)\nlet () = register "x" [ main $ noop ]\n',
      /Replace `foreign` with `main`/,
    );
    assert.match(out, /= main "Unikernel.Main"/);
  });

  it('fixes a typo in a device name', () => {
    fixOnce(
      'open Mirage\nlet main = main "Unikernel.Main" (network @-> job)\nlet () = register "x" [ main $ defualt_network ]\n',
      /with `default_network`/,
    );
  });

  it('adds the missing backquote of a target tag', () => {
    fixOnce(
      'open Mirage\nlet nic = match_impl Key.(value target) [ (Hvt, netif "service") ] ~default:default_network\nlet main = main "Unikernel.Main" (network @-> job)\nlet () = register "x" [ main $ nic ]\n',
      /Write the target tag as `` `Hvt ``|`Hvt/,
    );
  });

  it('drops a removed label (~dhcp_key)', () => {
    fixOnce(
      'open Mirage\nlet dhcp = Key.create "dhcp" Key.Arg.(flag (info [ "dhcp" ]))\nlet stack = generic_stackv4v6 ~dhcp_key:(Key.value dhcp) default_network\nlet main = main "Unikernel.Main" (stackv4v6 @-> job)\nlet () = register "x" [ main $ stack ]\n',
      /Remove `~dhcp_key/,
    );
  });

  it('renames a removed label (~keys → ~runtime_args)', () => {
    fixOnce(
      'open Mirage\nlet port = runtime_arg ~pos:__POS__ "Unikernel.port"\nlet main = main ~keys:[ port ] "Unikernel.Main" (stackv4v6 @-> job)\nlet () = register "x" [ main $ generic_stackv4v6 default_network ]\n',
      /with `~runtime_args/,
    );
  });

  it('migrates time and clocks to mirage 4.9', () => {
    const out = fixOnce(
      'open Mirage\nlet main = main "Unikernel.Main" (time @-> pclock @-> network @-> job)\nlet () = register "x" [ main $ default_time $ default_posix_clock $ default_network ]\n',
      /Remove the time and clock devices/,
    );
    assert.match(out, /\(network @-> job\)/);
    assert.match(out, /\[ main \$ default_network \]/);
  });

  it('replaces the deprecated etif with ethif', () => {
    const text =
      'open Mirage\nlet eth = etif default_network\nlet main = main "Unikernel.Main" (ethernet @-> job)\nlet () = register "x" [ main $ eth ]\n';
    const { actions } = actionsFor(text, {});
    const a = actions.find((x) => /with `ethif`/.test(x.title));
    assert.ok(a);
    assert.deepEqual(analyze(apply(text, a)).diagnostics, []);
  });

  it('rewrites a version line the installed mirage rejects', () => {
    fixOnce(
      '(* mirage >= 5.0.0 *)\nopen Mirage\nlet main = main "Unikernel" job\nlet () = register "x" [ main ]\n',
      /Change the version line/,
      {
        installed: parseVersion('4.11.1') ?? undefined,
      },
    );
  });

  it('offers to add a version line', () => {
    const text = 'open Mirage\nlet main = main "Unikernel" job\nlet () = register "x" [ main ]\n';
    const { actions } = actionsFor(text, {});
    const a = actions.find((x) => /Add the version line/.test(x.title));
    assert.ok(a);
    assert.match(apply(text, a), /^\(\* mirage >= 4\.11\.0 & < 4\.12\.0 \*\)\nopen Mirage/);
  });

  // Every fix offered on a conformance case with a single error must leave no error.
  const dir = conformanceDir();
  if (!dir) return;
  for (const c of loadCases(dir)) {
    const text = readFileSync(join(c.dir, 'config.ml'), 'utf8');
    const options: AnalysisOptions = { installed: parseVersion(c.mirage ?? '4.11.1') ?? undefined };
    it(`fixes offered on ${c.id} are sound`, function () {
      const { analysis, actions } = actionsFor(text, options);
      const quick = actions.filter((a) => a.kind === 'quickfix');
      if (quick.length === 0) this.skip();
      const before = errors(analysis).length;
      for (const a of quick) {
        const after = errors(analyze(apply(text, a), options));
        if (/^E50/.test(String(a.diagnostics?.[0]?.code))) {
          // A fixed version line may reveal type errors it was hiding; it must not stay wrong.
          assert.ok(!after.some((d) => /^E50/.test(String(d.code))), `"${a.title}" on ${c.id}`);
        } else if (before === 1 && a.diagnostics?.[0]?.severity === 1) {
          assert.deepEqual(
            after.map((d) => d.message),
            [],
            `"${a.title}" on ${c.id}`,
          );
        } else assert.ok(after.length <= before, `"${a.title}" on ${c.id} made things worse`);
      }
    });
  }
});
