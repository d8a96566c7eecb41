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

/** The server's variables that hold a launcher's change to the environment, for children. */
const SAVED_PREFIX = 'MIRAGE_LSP_SAVED_';

/**
 * The environment for the server process, from the launcher's.
 * - glibc gives each thread (V8's compiler and GC threads) its own malloc arena that keeps
 *   freed memory: two arenas save ~12 MB.
 * - NODE_EXTRA_CA_CERTS makes node read and parse certificates before running anything
 *   (~60 ms on a cold start); the server opens no TLS connection.
 * What is changed is saved, and `childEnvironment` gives it back to the tools the server runs.
 */
export function serverEnvironment(launcher: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...launcher };
  const change = (name: string, value: string | undefined) => {
    env[SAVED_PREFIX + name] = launcher[name] ?? '';
    if (value === undefined) delete env[name];
    else env[name] = value;
  };
  if (launcher.MALLOC_ARENA_MAX === undefined) change('MALLOC_ARENA_MAX', '2');
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
    if (value) env[name] = value;
    else delete env[name];
  }
  return env;
}
