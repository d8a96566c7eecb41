/**
 * How the server process is started, said once for every launcher (the VS Code client, the
 * `mirage-lsp` command's first line, the benchmark). These settings cannot be changed once
 * node runs, so they travel on the command line and in the environment.
 */

/**
 * V8's young generation grows to 2 × 16 MB as soon as objects survive a few collections; the
 * server's working set is small and short-lived, and 2 MB semi-spaces keep ~26 MB out of its
 * resident memory at no measurable cost per keystroke.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=2'];

/**
 * The server's variables that hold what a launcher's variable was before the server changed
 * it, for children: empty if it was unset, `=` and the value if it was set (even to '').
 */
const SAVED_PREFIX = 'MIRAGE_LSP_SAVED_';

/**
 * glibc's malloc settings for the server, unless the launcher chose its own.
 * - Each thread (V8's compiler and GC threads) gets its own arena that keeps freed memory:
 *   two arenas save ~12 MB.
 * - glibc raises its mmap threshold to the largest block freed so far (up to 32 MB). After the
 *   grammar's 5 MB bytes are freed, every large short-lived block (a file read, a document's
 *   text) comes from the heap, whose freed pages stay resident. A fixed threshold keeps them
 *   in their own mappings, returned on free: ~7 MB with 100 documents open.
 */
export const MALLOC_SETTINGS: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
};

/**
 * The environment for the server process, from the launcher's.
 * - `MALLOC_SETTINGS`.
 * - NODE_EXTRA_CA_CERTS makes node read and parse certificates before running anything
 *   (~60 ms on a cold start); the server opens no TLS connection.
 * What is changed is saved, and `childEnvironment` gives it back to the tools the server runs.
 */
export function serverEnvironment(launcher: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...launcher };
  const change = (name: string, value: string | undefined) => {
    const old = launcher[name];
    env[SAVED_PREFIX + name] = old === undefined ? '' : `=${old}`;
    if (value === undefined) delete env[name];
    else env[name] = value;
  };
  for (const [name, value] of Object.entries(MALLOC_SETTINGS))
    if (launcher[name] === undefined) change(name, value);
  if (launcher.NODE_EXTRA_CA_CERTS !== undefined) change('NODE_EXTRA_CA_CERTS', undefined);
  return env;
}

/** The environment for a tool the server runs (`mirage`, `make`, QEMU): the launcher's. */
export function childEnvironment(own: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env = { ...own };
  for (const key of Object.keys(own)) {
    if (!key.startsWith(SAVED_PREFIX)) continue;
    const name = key.slice(SAVED_PREFIX.length);
    const value = own[key];
    delete env[key];
    if (value?.startsWith('=')) env[name] = value.slice(1);
    else delete env[name];
  }
  return env;
}
