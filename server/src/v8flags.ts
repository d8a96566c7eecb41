import { setFlagsFromString } from 'node:v8';

/**
 * V8 flags the process sets for itself. V8's code cache records the flags in force when it
 * was made and is rejected under any others: dist/cli.js sets every flag here before it
 * compiles the bundle (and the bundle's modules set theirs again where they matter, for
 * tests and tools that load them without dist/cli.js).
 */

/**
 * Keeps wasm code on V8's baseline compiler. Tiering the OCaml grammar up to TurboFan
 * compiles its lexer (a 136 KB function) in the background for seconds with ~75 MB of
 * compiler memory that malloc keeps, about 45 MB of the server's resident memory; the gain is
 * only on full parses, and the first parse is faster. Must be set before the grammars are
 * compiled.
 */
export const WASM_FLAGS = ['--liftoff-only', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering'];

/**
 * V8 sizes the heap for throughput: after each full collection it lets the heap grow to up
 * to 4× what is live. Opening documents promotes each one's tree and analysis, so a burst of
 * opens grew the heap to ~4× what the server keeps. A long-running server favours memory:
 * 1.5× means more frequent, mostly concurrent marking; keystroke latency measured the same.
 */
export const SERVER_FLAGS = ['--heap-growing-percent=50'];

export function setFlags(flags: readonly string[]): void {
  for (const flag of flags) setFlagsFromString(flag);
}
