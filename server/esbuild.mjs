// Bundles the language server / CLI into dist/main.js, with its entry point dist/cli.js, and copies the tree-sitter
// wasm files next to it (web-tree-sitter looks for its wasm beside the bundle).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const production = !!process.env.MIRAGE_PRODUCTION;
const dist = join(here, 'dist');
// Resolve from this package so it works whether npm hoisted the deps or not.
const require = createRequire(join(here, 'package.json'));

const wasmFiles = [
  require.resolve('web-tree-sitter/web-tree-sitter.wasm'),
  join(dirname(require.resolve('tree-sitter-ocaml/package.json')), 'tree-sitter-ocaml.wasm'),
  join(
    dirname(require.resolve('tree-sitter-ocaml/package.json')),
    'tree-sitter-ocaml_interface.wasm',
  ),
];

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // `npm run package` sets MIRAGE_PRODUCTION: minified, no source maps (they are not shipped).
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
};

// The bundle: everything but the entry point.
await build({
  ...common,
  entryPoints: [join(here, 'src', 'cli.ts')],
  outfile: join(dist, 'main.js'),
  // esbuild would pick web-tree-sitter's ESM build for an `import` (it relies on
  // import.meta.url, which is empty in a cjs bundle); use its CommonJS build instead.
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
  // dist/cli.js compiles the bundle with vm.Script, where `import()` has no loader: make
  // esbuild turn the few left (node built-ins) into `require`.
  supported: { 'dynamic-import': false },
});

// esbuild escapes non-ASCII characters in code but copies the comments it keeps as they are.
// One '…' in a comment makes V8 hold the whole source (which it keeps for lazy compilation)
// as a two-byte string: 1.9 MB instead of 1 MB. In a comment, an escape reads as well.
const bundle = join(dist, 'main.js');
writeFileSync(
  bundle,
  readFileSync(bundle, 'utf8').replace(
    /[^\0-\x7f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  ),
);

// The entry point (`node dist/cli.js`): loads the bundle through V8's code cache.
await build({
  ...common,
  entryPoints: [join(here, 'src', 'boot.ts')],
  outfile: join(dist, 'cli.js'),
});

for (const file of wasmFiles) {
  copyFileSync(file, join(dist, basename(file)));
}

// Save the parsed signature files, so a cold start does not parse them again.
execFileSync(process.execPath, [join(dist, 'cli.js'), '__snapshot', dist], { stdio: 'inherit' });

console.log(
  `server: built dist/cli.js, dist/main.js and copied ${wasmFiles.map((f) => basename(f)).join(', ')}`,
);
