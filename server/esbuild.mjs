// Bundles the language server / CLI into dist/cli.js and copies the tree-sitter
// wasm files next to it (web-tree-sitter looks for its wasm beside the bundle).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
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

await build({
  entryPoints: [join(here, 'src', 'cli.ts')],
  outfile: join(dist, 'cli.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // `npm run package` sets MIRAGE_PRODUCTION: minified, no source maps (they are not shipped).
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  // esbuild would pick web-tree-sitter's ESM build for an `import` (it relies on
  // import.meta.url, which is empty in a cjs bundle); use its CommonJS build instead.
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
});

for (const file of wasmFiles) {
  copyFileSync(file, join(dist, basename(file)));
}

// Save the parsed signature files, so a cold start does not parse them again.
execFileSync(process.execPath, [join(dist, 'cli.js'), '__snapshot', dist], { stdio: 'inherit' });

console.log(`server: built dist/cli.js and copied ${wasmFiles.map((f) => basename(f)).join(', ')}`);
