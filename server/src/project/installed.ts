import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { childEnvironment } from '../launch';
import { Version, parseVersion } from '../signatures/eras';

/** The mirage installation found on this machine, if any. */
export interface InstalledMirage {
  readonly version: Version;
  /** Text of `$OPAM_SWITCH_PREFIX/lib/mirage/mirage.mli`, when present. */
  readonly mli: string | null;
  /** Where the version came from, for messages. */
  readonly source: string;
}

function mirageVersionCommand(env: NodeJS.ProcessEnv): Promise<Version | null> {
  return new Promise((resolve) => {
    // argv array, no shell; a missing or hanging `mirage` just means "not installed".
    execFile('mirage', ['--version'], { env, timeout: 3000 }, (err, stdout) => {
      if (err) return resolve(null);
      resolve(parseVersion(stdout.trim().replace(/^v/, '')));
    });
  });
}

/**
 * Looks for an installed mirage: the opam switch's library (its `META` version and
 * `mirage.mli`), else `mirage --version` on PATH. Never throws.
 */
export async function detectInstalledMirage(
  env: NodeJS.ProcessEnv = childEnvironment(),
  /** False in an untrusted workspace: then only files are read, nothing is run. */
  allowProcess = true,
): Promise<InstalledMirage | null> {
  const prefix = env.OPAM_SWITCH_PREFIX;
  if (prefix) {
    const lib = join(prefix, 'lib', 'mirage');
    const [meta, mli] = await Promise.all([
      readFile(join(lib, 'META'), 'utf8').catch(() => null),
      readFile(join(lib, 'mirage.mli'), 'utf8').catch(() => null),
    ]);
    const metaVersion = meta ? /^\s*version\s*=\s*"v?([0-9.]+)/m.exec(meta)?.[1] : undefined;
    const version =
      (metaVersion && parseVersion(metaVersion)) ||
      (allowProcess ? await mirageVersionCommand(env) : null);
    if (version) return { version, mli, source: `opam switch ${prefix}` };
  }
  const version = allowProcess ? await mirageVersionCommand(env) : null;
  return version ? { version, mli: null, source: '`mirage --version`' } : null;
}
