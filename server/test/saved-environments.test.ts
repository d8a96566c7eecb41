import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeConfig } from '../src/analysis/check';
import { interfaceGrammar, signatureDirectory } from '../src/project/runtime';
import { BuiltEnvironment, SignatureCatalog } from '../src/signatures/catalog';
import { ERAS, Era } from '../src/signatures/eras';
import { decodeGraph, encodeGraph } from '../src/signatures/graph';
import {
  environmentKey,
  restoreEnvironment,
  saveEnvironment,
  savedFile,
  savedFileBody,
  savedFromBody,
} from '../src/signatures/saved';
import { OcamlParsers } from '../src/syntax/parser';
import { UNKNOWN, newVar } from '../src/typing/types';
import { ModuleSig } from '../src/typing/env';
import { TypeTable } from '../src/typing/unify';
import { conformanceDir, loadCases } from './support/conformance';
import { testRuntime } from './support/runtime';

/**
 * The build saves each era's loaded environment and a cold start decodes it: the decoded
 * environment must be the very graph loading the signature files gives, and check the same.
 */

const read = (file: string) => readFileSync(join(signatureDirectory(), file), 'utf8');

/**
 * Walks two graphs side by side: same shapes, prototypes, keys and values, and a reference
 * shared in one is shared in the other (a one-to-one correspondence of objects).
 */
function assertSameGraph(a: unknown, b: unknown, constants: readonly object[]): void {
  const pairs = new Map<object, object>();
  const back = new Map<object, object>();
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (typeof x !== 'object' || x === null) {
      assert.ok(Object.is(x, y), `${path}: ${String(x)} vs ${String(y)}`);
      return;
    }
    assert.ok(typeof y === 'object' && y !== null, `${path}: object vs ${String(y)}`);
    if (constants.includes(x)) {
      assert.equal(y, x, `${path}: a constant must stay the same object`);
      return;
    }
    const seen = pairs.get(x);
    if (seen || back.has(y)) {
      assert.equal(seen, y, `${path}: sharing differs`);
      return;
    }
    pairs.set(x, y);
    back.set(y, x);
    assert.equal(Object.getPrototypeOf(y), Object.getPrototypeOf(x), `${path}: prototype`);
    if (x instanceof Map) {
      const ys = [...(y as Map<unknown, unknown>)];
      const xs = [...x];
      assert.equal(ys.length, xs.length, `${path}: size`);
      xs.forEach(([k, v], i) => {
        walk(k, ys[i][0], `${path}.key(${String(k)})`);
        walk(v, ys[i][1], `${path}.get(${String(k)})`);
      });
    } else if (x instanceof Set) {
      const ys = [...(y as Set<unknown>)];
      const xs = [...x];
      assert.equal(ys.length, xs.length, `${path}: size`);
      xs.forEach((v, i) => walk(v, ys[i], `${path}[${i}]`));
    } else {
      assert.deepEqual(Object.keys(y), Object.keys(x), `${path}: keys`);
      for (const k of Object.keys(x))
        walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}.${k}`);
    }
  };
  walk(a, b, '');
}

function built(era: Era): BuiltEnvironment {
  const catalog = new SignatureCatalog(read, parseInterface);
  return catalog.build(era);
}

let parsers: OcamlParsers;
const parseInterface = (text: string) => parsers.parseInterfaceSyntax(text);

/** A catalog whose environments come from saved ones, as in a cold start of the bundle. */
function restoredCatalog(): SignatureCatalog {
  const saved = new Map(
    ERAS.map((era) => [era.id, JSON.stringify(saveEnvironment(built(era), 'k'))]),
  );
  return new SignatureCatalog(
    read,
    () => {
      throw new Error('a restored catalog must not parse signature files');
    },
    undefined,
    (era) => restoreEnvironment(JSON.parse(saved.get(era.id)!)),
  );
}

describe('saved signature environments', function () {
  this.timeout(120_000);

  before(async () => {
    parsers = (await testRuntime()).parsers;
    await parsers.withInterface(interfaceGrammar());
  });

  it('encodes a graph with shared and cyclic references, Maps, Sets, classes and odd numbers', () => {
    const shared = { n: 1 };
    const m = new ModuleSig('M');
    const root: Record<string, unknown> = {
      a: shared,
      b: [shared, shared, Infinity, -Infinity, -0, undefined, null, 'x', true],
      map: new Map<unknown, unknown>([
        [1, shared],
        ['k', new Set([2, shared])],
      ]),
      m,
      unknown: UNKNOWN,
    };
    root.self = root;
    m.modules.set('Self', m);
    const codec = {
      classes: [ModuleSig as unknown as new () => object, TypeTable],
      constants: [UNKNOWN],
    };
    const decoded = decodeGraph(JSON.parse(JSON.stringify(encodeGraph(root, codec))), codec);
    assertSameGraph(root, decoded, [UNKNOWN]);
  });

  it('refuses what it cannot rebuild', () => {
    const codec = { classes: [], constants: [] };
    assert.throws(() => encodeGraph({ f: () => 1 }, codec), /cannot encode a function/);
    assert.throws(() => encodeGraph({ d: new Date() }, codec), /instance of Date/);
  });

  for (const era of ERAS) {
    it(`decodes the ${era.id} environment into the graph loading gives`, () => {
      const env = built(era);
      // Through the file the build writes, as a cold start reads it.
      const file = savedFile(saveEnvironment(env, 'k'));
      assert.equal(savedFileBody(file, 'other key'), null);
      const restored = restoreEnvironment(savedFromBody(savedFileBody(file, 'k')!));
      assertSameGraph(env, restored, [UNKNOWN]);
      // Types made from now on must not reuse the ids of the decoded ones.
      let max = 0;
      const ids = (t: unknown, seen = new Set<unknown>()): void => {
        if (typeof t !== 'object' || t === null || seen.has(t)) return;
        seen.add(t);
        const o = t as { k?: string; id?: number };
        if ((o.k === 'var' || o.k === 'variant') && typeof o.id === 'number')
          max = Math.max(max, o.id);
        const values = t instanceof Map || t instanceof Set ? [...t.values()] : Object.values(t);
        for (const v of values) ids(v, seen);
      };
      ids(restored);
      assert.ok(newVar(0).id > max);
    });
  }

  it('keys environments by the signature texts they come from', () => {
    const texts = ['stdlib.mli', 'libs.mli', 'mirage-4.11.mli'].map(read);
    assert.equal(environmentKey(texts), environmentKey([...texts]));
    assert.notEqual(environmentKey(texts), environmentKey([...texts.slice(0, 2), texts[2] + ' ']));
  });

  it('checks configs the same with decoded environments as with loaded ones', () => {
    const loaded = new SignatureCatalog(read, parseInterface);
    const restored = restoredCatalog();
    const configs: string[] = [];
    const corpus = join(__dirname, '../../test/corpus');
    for (const era of readdirSync(corpus)) {
      if (!existsSync(join(corpus, era)) || era.endsWith('.md')) continue;
      for (const name of readdirSync(join(corpus, era))) {
        const file = join(corpus, era, name, 'config.ml');
        if (existsSync(file)) configs.push(readFileSync(file, 'utf8'));
      }
    }
    const dir = conformanceDir();
    if (dir) {
      for (const c of loadCases(dir)) {
        const file = join(c.dir, 'config.ml');
        if (existsSync(file)) configs.push(readFileSync(file, 'utf8'));
      }
    }
    assert.ok(configs.length > 10, `only ${configs.length} configs`);
    let withErrors = 0;
    for (const text of configs) {
      const parse = () => parsers.parseSyntax(text);
      const a = analyzeConfig(text, parse(), loaded, { targets: { names: 'all' } });
      const b = analyzeConfig(text, parse(), restored, { targets: { names: 'all' } });
      assert.deepEqual(b.diagnostics, a.diagnostics, text);
      assert.equal(b.era.id, a.era.id);
      if (a.diagnostics.some((d) => d.severity === 1)) withErrors++;
    }
    // The comparison means something only if some configs have errors to report.
    if (dir) assert.ok(withErrors > 10, `${withErrors} configs with errors`);
  });
});
