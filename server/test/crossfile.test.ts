import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseVersion } from '../src/signatures/eras';
import { SourceFile } from '../src/analysis/unikernel';
import { conformanceDir, loadCases } from './support/conformance';
import { analyze, testRuntime } from './support/runtime';
import { Runtime } from '../src/project/runtime';

let runtime: Runtime;

function check(config: string, unikernel: string, mirage = '4.11.1') {
  const source: SourceFile = {
    uri: 'file:///p/unikernel.ml',
    module: 'Unikernel',
    text: unikernel,
    tree: runtime.parsers.parseSyntax(unikernel),
  };
  const a = analyze(config, {
    installed: parseVersion(mirage) ?? undefined,
    siblingModules: ['Unikernel'],
    sources: { configUri: 'file:///p/config.ml', files: [source] },
  });
  const onConfig = a.diagnostics.filter((d) => d.code === 'E801');
  const onSource = a.sourceDiagnostics.get(source.uri) ?? [];
  return { onConfig, onSource };
}

describe('cross-file check between config.ml and unikernel.ml', () => {
  before(async () => {
    runtime = await testRuntime();
  });

  const config = `open Mirage
let main = main "Unikernel.Main" (stackv4v6 @-> kv_ro @-> job)
let () = register "x" [ main $ generic_stackv4v6 default_network $ crunch "htdocs" ]
`;

  it('is silent on a matching pair', () => {
    const r = check(
      config,
      'module Main (S : Tcpip.Stack.V4V6) (K : Mirage_kv.RO) = struct\n  let start _s _k = Lwt.return_unit\nend\n',
    );
    assert.deepEqual([...r.onConfig, ...r.onSource], []);
  });

  it('accepts anonymous functor parameters', () => {
    const r = check(
      config,
      'module Main (_ : sig end) (_ : sig end) = struct\n  let start _ _ = Lwt.return_unit\nend\n',
    );
    assert.deepEqual([...r.onConfig, ...r.onSource], []);
  });

  it('reports a functor with too few parameters on both files, each pointing at the other', () => {
    const r = check(
      config,
      'module Main (S : Tcpip.Stack.V4V6) = struct\n  let start _s = Lwt.return_unit\nend\n',
    );
    assert.ok(
      r.onSource.some((d) =>
        /takes 1 functor parameter, but config.ml declares 2 devices/.test(String(d.message)),
      ),
    );
    assert.ok(
      r.onSource.every(
        (d) => d.severity === 1 && d.relatedInformation?.[0].location.uri === 'file:///p/config.ml',
      ),
    );
    assert.ok(
      r.onConfig.length > 0 &&
        r.onConfig.every(
          (d) => d.relatedInformation?.[0].location.uri === 'file:///p/unikernel.ml',
        ),
    );
  });

  it('reports a start with too many arguments', () => {
    const r = check(
      config,
      'module Main (S : Tcpip.Stack.V4V6) (K : Mirage_kv.RO) = struct\n  let start _s _k _extra = Lwt.return_unit\nend\n',
    );
    assert.ok(
      r.onSource.some((d) =>
        /`start` takes 3 arguments, but mirage 4.11 calls it with 2/.test(String(d.message)),
      ),
    );
  });

  it('counts ~deps after the devices', () => {
    const withDeps = `open Mirage
let main = main ~deps:[ dep (kv_rw_mem ()) ] "Unikernel.Main" (network @-> job)
let () = register "x" [ main $ default_network ]
`;
    assert.deepEqual(
      check(
        withDeps,
        'module Main (N : Mirage_net.S) = struct\n  let start _n _kv = Lwt.return_unit\nend\n',
      ).onSource,
      [],
    );
    const r = check(
      withDeps,
      'module Main (N : Mirage_net.S) = struct\n  let start _n = Lwt.return_unit\nend\n',
    );
    assert.ok(r.onSource.some((d) => /1 device \+ 1 dep/.test(String(d.message))));
  });

  it('knows a non-functor main gets `()` from 4.9 on, but not in 4.8', () => {
    const plain = `open Mirage
let main = main "Unikernel" job
let () = register "x" [ main ]
`;
    assert.deepEqual(check(plain, 'let start () = Lwt.return_unit\n').onSource, []);
    const missing = `open Mirage
let main = main "Unikernel.Hello" job
let () = register "x" [ main ]
`;
    const r = check(missing, 'module Main = struct let start () = Lwt.return_unit end\n');
    assert.ok(r.onConfig.some((d) => /has no module `Hello`/.test(String(d.message))));
  });

  const dir = conformanceDir();
  if (!dir) return;
  const cases = loadCases(dir).filter(
    (c) => c.unikernel_check && existsSync(join(c.dir, 'unikernel.ml')),
  );
  for (const c of cases) {
    it(`agrees with unikernel_check of ${c.id} (${c.unikernel_check!.expected})`, () => {
      const r = check(
        readFileSync(join(c.dir, 'config.ml'), 'utf8'),
        readFileSync(join(c.dir, 'unikernel.ml'), 'utf8'),
        c.mirage ?? '4.11.1',
      );
      const flagged = r.onSource.length > 0;
      assert.equal(
        flagged,
        c.unikernel_check!.expected === 'mismatch',
        r.onSource.map((d) => d.message).join(' | '),
      );
    });
  }
});
