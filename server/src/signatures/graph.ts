/**
 * A JSON-friendly encoding of an object graph: plain objects, arrays, Maps, Sets and a few
 * known classes, with shared and cyclic references kept shared. The build saves the loaded
 * signature environments with it, so a cold start decodes them instead of building them.
 *
 * Each object is one entry of `nodes`; a reference to it is its index (a plain number).
 * Literal numbers are therefore boxed (`['#', n]`, which also carries Infinity), `['u']` is
 * undefined and `['k', i]` is the i-th shared constant (a module-level singleton such as
 * `UNKNOWN`, which must stay the very same object).
 */

type Encoded = string | boolean | null | number | ['#', number | string] | ['u'] | ['k', number];

/** `[kind, ...contents]`: kind 0 object, 1 array, 2 Map, 3 Set, 4 + i the i-th class. */
type EncodedNode = [number, ...Encoded[]];

export interface EncodedGraph {
  readonly nodes: EncodedNode[];
  readonly root: Encoded;
}

export interface GraphCodec {
  /** Classes whose instances may appear; they are rebuilt with `new C()`, then filled in. */
  readonly classes: readonly (new () => object)[];
  /** Objects encoded by identity, not by contents. */
  readonly constants: readonly object[];
}

const OBJECT = 0;
const ARRAY = 1;
const MAP = 2;
const SET = 3;
const CLASS = 4;

export function encodeGraph(root: unknown, codec: GraphCodec): EncodedGraph {
  const nodes: EncodedNode[] = [];
  const index = new Map<object, number>();
  const constants = new Map(codec.constants.map((c, i) => [c, i]));

  const value = (v: unknown): Encoded => {
    if (v === undefined) return ['u'];
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') {
      // JSON has no Infinity, NaN or -0.
      const plain = Number.isFinite(v) && !Object.is(v, -0);
      return ['#', plain ? v : Object.is(v, -0) ? '-0' : String(v)];
    }
    if (typeof v !== 'object') throw new Error(`cannot encode a ${typeof v}`);
    const constant = constants.get(v);
    if (constant !== undefined) return ['k', constant];
    const known = index.get(v);
    if (known !== undefined) return known;
    const at = nodes.length;
    index.set(v, at);
    const node: EncodedNode = [OBJECT];
    nodes.push(node);
    if (Array.isArray(v)) {
      node[0] = ARRAY;
      for (const item of v) node.push(value(item));
    } else if (v instanceof Map) {
      node[0] = MAP;
      for (const [k, item] of v) node.push(value(k), value(item));
    } else if (v instanceof Set) {
      node[0] = SET;
      for (const item of v) node.push(value(item));
    } else {
      const proto = Object.getPrototypeOf(v) as object | null;
      if (proto !== Object.prototype) {
        const c = codec.classes.findIndex((k) => k.prototype === proto);
        if (c < 0) throw new Error(`cannot encode an instance of ${proto?.constructor.name}`);
        node[0] = CLASS + c;
      }
      for (const [k, item] of Object.entries(v)) node.push(k, value(item));
    }
    return at;
  };

  const encodedRoot = value(root);
  return { nodes, root: encodedRoot };
}

export function decodeGraph(graph: EncodedGraph, codec: GraphCodec): unknown {
  // First every object (so references can point forward), then their contents.
  const objects: unknown[] = graph.nodes.map(([kind]) => {
    switch (kind) {
      case OBJECT:
        return {};
      case ARRAY:
        return [];
      case MAP:
        return new Map();
      case SET:
        return new Set();
      default:
        return new codec.classes[kind - CLASS]();
    }
  });
  const value = (e: Encoded): unknown => {
    if (typeof e === 'number') return objects[e];
    if (!Array.isArray(e)) return e;
    if (e[0] === '#') return Number(e[1]);
    if (e[0] === 'k') return codec.constants[e[1]];
    return undefined;
  };
  graph.nodes.forEach((node, i) => {
    const target = objects[i];
    const kind = node[0];
    if (kind === ARRAY) {
      const list = target as unknown[];
      for (let j = 1; j < node.length; j++) list.push(value(node[j]));
    } else if (kind === MAP) {
      const map = target as Map<unknown, unknown>;
      for (let j = 1; j < node.length; j += 2) map.set(value(node[j]), value(node[j + 1]));
    } else if (kind === SET) {
      const set = target as Set<unknown>;
      for (let j = 1; j < node.length; j++) set.add(value(node[j]));
    } else {
      const obj = target as Record<string, unknown>;
      for (let j = 1; j < node.length; j += 2) obj[node[j] as string] = value(node[j + 1]);
    }
  });
  return value(graph.root);
}
