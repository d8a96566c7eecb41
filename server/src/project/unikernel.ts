import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** One unikernel directory on disk: its config.ml and the modules beside it. */
export interface UnikernelFiles {
  readonly dir: string;
  readonly configPath: string;
  readonly configText: string;
  /** Module names of the other `.ml` files (`unikernel.ml` gives `Unikernel`). */
  readonly siblingModules: string[];
  /** Text of `mirage/context` when the project was configured. */
  readonly contextText: string | null;
}

export function contextPath(dir: string): string {
  return join(dir, 'mirage', 'context');
}

export function readContext(dir: string): string | null {
  try {
    return readFileSync(contextPath(dir), 'utf8');
  } catch {
    return null;
  }
}

/** The target a project uses when nothing else says: `MIRAGE_DEFAULT_TARGET`, `MODE`, unix. */
export function defaultTarget(env: NodeJS.ProcessEnv = process.env): string {
  return env.MIRAGE_DEFAULT_TARGET || env.MODE || 'unix';
}

export function moduleNameOfFile(file: string): string {
  const base = basename(file).replace(/\.ml$/, '');
  return base.charAt(0).toUpperCase() + base.slice(1);
}

export function siblingModules(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.ml') && f !== 'config.ml')
      .map(moduleNameOfFile);
  } catch {
    return [];
  }
}

/** Accepts a directory holding config.ml or the path of a config file itself. */
export function readUnikernel(path: string): UnikernelFiles {
  if (!existsSync(path)) throw new Error(`no such file or directory: ${path}`);
  const isDir = statSync(path).isDirectory();
  const configPath = isDir ? join(path, 'config.ml') : path;
  if (!existsSync(configPath)) throw new Error(`no config.ml in ${path}`);
  const dir = isDir ? path : dirname(path);
  return {
    dir,
    configPath,
    configText: readFileSync(configPath, 'utf8'),
    siblingModules: siblingModules(dir),
    contextText: readContext(dir),
  };
}
