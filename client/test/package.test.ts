import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const root = resolve(__dirname, '../../../..');
const vsixPath = join(root, 'mirage-lsp.vsix');

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** Reads a zip's central directory (a .vsix is a zip); enough for listing and small reads. */
function zipEntries(zip: Buffer): ZipEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'not a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(p), 0x02014b50, 'bad central directory');
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    entries.push({
      method: zip.readUInt16LE(p + 10),
      compressedSize: zip.readUInt32LE(p + 20),
      size: zip.readUInt32LE(p + 24),
      offset: zip.readUInt32LE(p + 42),
      name: zip.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function readEntry(zip: Buffer, e: ZipEntry): Buffer {
  const start = e.offset + 30 + zip.readUInt16LE(e.offset + 26) + zip.readUInt16LE(e.offset + 28);
  const data = zip.subarray(start, start + e.compressedSize);
  return e.method === 8 ? inflateRawSync(data) : Buffer.from(data);
}

describe('packaged extension (npm run package)', function () {
  let zip: Buffer;
  let entries: ZipEntry[];

  before(function () {
    if (!existsSync(vsixPath)) {
      throw new Error(`${vsixPath} is missing: npm test packages it first (npm run package)`);
    }
    zip = readFileSync(vsixPath);
    entries = zipEntries(zip);
  });

  it('is under 2 MB', function () {
    const size = statSync(vsixPath).size;
    assert.ok(size < 2 * 1024 * 1024, `${size} bytes`);
  });

  it('ships the bundles, the tree-sitter wasm files, the signatures and the grammar', function () {
    const names = new Set(entries.map((e) => e.name));
    for (const f of [
      'extension/package.json',
      'extension/client/dist/extension.js',
      'extension/server/dist/cli.js',
      'extension/server/dist/main.js',
      'extension/server/dist/signatures.4.11.gz',
      'extension/server/dist/web-tree-sitter.wasm',
      'extension/server/dist/tree-sitter-ocaml.wasm',
      'extension/server/dist/tree-sitter-ocaml_interface.wasm',
      'extension/server/signatures/mirage-4.11.mli',
      'extension/server/signatures/mirage-4.4.mli',
      'extension/server/signatures/stdlib.mli',
      'extension/syntaxes/mirage-config.tmLanguage.json',
      'extension/language-configuration.json',
      'extension/readme.md',
      'extension/LICENSE.txt',
    ]) {
      assert.ok(names.has(f), `${f} is missing`);
    }
    // The wasm files are most of the bytes; they shrink about 10x in the zip.
    const wasm = entries.find((e) => e.name.endsWith('tree-sitter-ocaml.wasm'))!;
    assert.equal(wasm.method, 8, 'wasm stored without compression');
    assert.ok(wasm.compressedSize < wasm.size / 4);
  });

  it('ships no node_modules, sources, source maps, tests or code caches', function () {
    const bad = entries
      .map((e) => e.name)
      .filter(
        (n) =>
          n.includes('node_modules/') ||
          /\.(ts|map)$/.test(n) ||
          /\/(src|test|out|e2e|scripts|testFixture|cache)\//.test(n),
      );
    assert.deepEqual(bad, []);
  });

  it('has minified bundles', function () {
    for (const name of [
      'extension/client/dist/extension.js',
      'extension/server/dist/cli.js',
      'extension/server/dist/main.js',
    ]) {
      const text = readEntry(
        zip,
        entries.find((e) => e.name === name)!,
      ).toString('utf8');
      const lines = text.split('\n').length;
      assert.ok(lines < 100, `${name} has ${lines} lines: not minified`);
    }
  });

  it('asks for VS Code 1.100 at most (code-server 4.100.3 refuses newer), and types match it', function () {
    const manifest = JSON.parse(
      readEntry(
        zip,
        entries.find((e) => e.name === 'extension/package.json')!,
      ).toString('utf8'),
    ) as { engines: { vscode: string } };
    const m = /^\^?(\d+)\.(\d+)\.(\d+)$/.exec(manifest.engines.vscode);
    assert.ok(m, manifest.engines.vscode);
    const [major, minor] = [Number(m[1]), Number(m[2])];
    assert.ok(major === 1 && minor <= 100, manifest.engines.vscode);
    const types = JSON.parse(
      readFileSync(join(root, 'node_modules', '@types', 'vscode', 'package.json'), 'utf8'),
    ) as { version: string };
    const [tmajor, tminor] = types.version.split('.').map(Number);
    // vsce refuses to package when @types/vscode is newer than engines.vscode.
    assert.ok(tmajor === 1 && tminor <= minor, `@types/vscode ${types.version}`);
  });
});
