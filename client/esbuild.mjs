// Bundles the VS Code extension into dist/extension.js (`vscode` is provided by the host).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const production = !!process.env.MIRAGE_PRODUCTION;

rmSync(join(here, 'dist'), { recursive: true, force: true });

await build({
  entryPoints: [join(here, 'src', 'extension.ts')],
  outfile: join(here, 'dist', 'extension.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  // `npm run package` sets MIRAGE_PRODUCTION: minified, no source maps (they are not shipped).
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
});

console.log('client: built dist/extension.js');
