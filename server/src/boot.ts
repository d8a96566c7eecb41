/**
 * The `mirage-lsp` entry point (dist/cli.js). It loads the bundle (dist/main.js) through
 * V8's code cache: compiling the bundle and the functions a start runs is a large part of
 * a cold start, and the cache turns that into deserialising. The cache is written by the
 * process itself, next to the bundle, the first time a runtime (node or Electron) meets this
 * bundle; whatever goes wrong with it, the bundle is simply compiled as usual.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { wrap } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { SERVER_FLAGS, WASM_FLAGS, setFlags } from './v8flags';

// Before anything compiles wasm or the bundle: the code cache is only accepted under the
// flags it was made with. The first parse would otherwise also make V8 recompile the
// grammar's lexer with its optimising compiler: ~0.8 s of CPU on another thread, competing
// with the start on a 2-core machine and holding up the process's exit.
setFlags(WASM_FLAGS);

type Cli = typeof import('./cli');

const bundle = join(__dirname, 'main.js');

/** Seconds after a start at which the cache is written, if the process lives that long. */
const SAVE_AFTER = 3;

type Wrapper = (
  exports: object,
  req: NodeJS.Require,
  module: { exports: object },
  filename: string,
  dirname: string,
) => void;

/** Compiles the bundle with its cached code, and arranges to save the cache if it had none. */
function compileCached(mode: string): Wrapper {
  const source = readFileSync(bundle);
  // V8 only checks the source's length: the file name must name its contents, the runtime
  // and the flags, which all decide whether cached code fits.
  const key = createHash('sha256')
    .update(source)
    .update(`\0${process.version}\0${process.versions.v8}\0${process.arch}\0`)
    .update(process.execArgv.join('\0'))
    .digest('hex')
    .slice(0, 24);
  const dir = join(__dirname, 'cache');
  const file = join(dir, `${mode}-${key}.bin`);
  let cached: Buffer | undefined;
  try {
    cached = readFileSync(file);
  } catch {
    cached = undefined;
  }
  const script = new Script(wrap(source.toString('utf8')), {
    filename: bundle,
    cachedData: cached,
  });
  const fn = script.runInThisContext() as Wrapper;
  if (!cached || script.cachedDataRejected) {
    // Written after the start has run (so the functions it compiled are in), once.
    let saved = false;
    const take = () => {
      if (saved) return null;
      saved = true;
      return script.createCachedData();
    };
    const tmp = `${file}.${process.pid}.tmp`;
    setTimeout(() => {
      const data = take();
      if (!data) return;
      void mkdir(dir, { recursive: true })
        .then(() => writeFile(tmp, data))
        .then(() => rename(tmp, file))
        .catch(() => undefined);
    }, SAVE_AFTER * 1000).unref();
    process.once('exit', () => {
      const data = take();
      if (!data) return;
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(tmp, data);
        renameSync(tmp, file);
      } catch {
        // A read-only installation runs without the cache.
      }
    });
  }
  return fn;
}

let cli: Cli | undefined;

function load(mode: string): Cli {
  if (cli) return cli;
  if (mode === 'lsp') setFlags(SERVER_FLAGS);
  // Source-mapped stack traces and debuggers want the bundle loaded as a file.
  const plain =
    process.sourceMapsEnabled || process.execArgv.some((a) => a.startsWith('--inspect'));
  let fn: Wrapper | undefined;
  if (!plain) {
    try {
      fn = compileCached(mode);
    } catch {
      fn = undefined;
    }
  }
  if (fn) {
    const mod = { exports: {} };
    fn.call(mod.exports, mod.exports, require, mod, bundle, __dirname);
    cli = mod.exports as Cli;
  } else {
    // A plain load of the bundle file (a path known only at run time).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    cli = require(bundle) as Cli;
  }
  return cli;
}

/** The command line, for `bin/mirage-lsp`. */
export function main(argv: string[]): Promise<number> {
  return load(argv.includes('--stdio') ? 'lsp' : 'cli').main(argv);
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  load(argv.includes('--stdio') ? 'lsp' : 'cli').run(argv);
}
