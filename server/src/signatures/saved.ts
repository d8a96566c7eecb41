import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ModuleSig } from '../typing/env';
import { BOOL, CHAR, FLOAT, INT, STRING, UNIT, UNKNOWN, lastId, reserveIds } from '../typing/types';
import { TypeTable } from '../typing/unify';
import type { BuiltEnvironment } from './catalog';
import { EncodedGraph, GraphCodec, decodeGraph, encodeGraph } from './graph';

/**
 * An era's loaded environment as the build saves it, so a cold start decodes it (a few
 * milliseconds) instead of loading the signature files (most of a cold start).
 */
export interface SavedEnvironment {
  /** `environmentKey` of the signature texts it was loaded from. */
  readonly key: string;
  /** The largest type id in it: new types must get larger ones. */
  readonly lastId: number;
  readonly graph: EncodedGraph;
}

const CODEC: GraphCodec = {
  classes: [ModuleSig as unknown as new () => object, TypeTable],
  // Shared singletons stay the live objects, as loading would give them.
  constants: [UNKNOWN, STRING, INT, BOOL, UNIT, CHAR, FLOAT],
};

/** Bump when the environment's shape changes, so older saved environments are not used. */
const FORMAT = 'mirage-lsp environment 1';

/** Identifies the signature texts (stdlib, libraries, the era's file) an environment comes from. */
export function environmentKey(texts: readonly string[]): string {
  const hash = createHash('sha256').update(FORMAT);
  for (const t of texts) hash.update('\0').update(t);
  return hash.digest('hex');
}

export function saveEnvironment(built: BuiltEnvironment, key: string): SavedEnvironment {
  return { key, lastId: lastId(), graph: encodeGraph(built, CODEC) };
}

export function restoreEnvironment(saved: SavedEnvironment): BuiltEnvironment {
  reserveIds(saved.lastId);
  return decodeGraph(saved.graph, CODEC) as BuiltEnvironment;
}

/**
 * The file the build writes for a saved environment: its key and a newline, then the
 * environment as gzipped JSON. Compressed, each era a session never uses costs ~70 KB of
 * memory instead of ~450 KB, and the key is checked without unzipping.
 */
export function savedFile(saved: SavedEnvironment): Buffer {
  return Buffer.concat([
    Buffer.from(`${saved.key}\n`, 'latin1'),
    gzipSync(JSON.stringify(saved), { level: 9 }),
  ]);
}

/** The compressed environment in a saved file, or null if it was saved under another key. */
export function savedFileBody(file: Buffer, key: string): Buffer | null {
  const newline = file.indexOf(10);
  if (newline < 0 || file.subarray(0, newline).toString('latin1') !== key) return null;
  return file.subarray(newline + 1);
}

export function savedFromBody(body: Buffer): SavedEnvironment {
  return JSON.parse(gunzipSync(body).toString('utf8')) as SavedEnvironment;
}
