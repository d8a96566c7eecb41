import assert from 'node:assert/strict';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { generate, readDeclarations } from '../../scripts/gen-manifest';
import { COMMANDS, SETTINGS, Settings, defaultSettings } from '../../server/src/settings';

const root = resolve(__dirname, '../../../..');

/** A copy of just what the generator reads and writes. */
function scratchCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mirage-manifest-'));
  for (const f of ['package.json', 'README.md', '.prettierrc', 'server/src/settings.ts']) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    copyFileSync(join(root, f), join(dir, f));
  }
  return dir;
}

describe('settings and commands, declared once', function () {
  this.timeout(60000);

  it('package.json and README.md are what server/src/settings.ts generates (npm run gen-manifest)', async function () {
    const { drift } = await generate(root);
    assert.deepEqual(
      drift.map((d) => d.file),
      [],
      'run `npm run gen-manifest` and commit the result',
    );
  });

  it('notices when a declaration changes and the manifest does not', async function () {
    const dir = scratchCheckout();
    try {
      const file = join(dir, 'server/src/settings.ts');
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace(
          "description: 'Which targets the target-specific checks run for.'",
          "description: 'Changed.'",
        ),
      );
      const { drift } = await generate(dir);
      assert.deepEqual(
        drift.map((d) => d.file),
        [join(dir, 'package.json'), join(dir, 'README.md')],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('notices a hand edit of the generated part of package.json', async function () {
    const dir = scratchCheckout();
    try {
      const file = join(dir, 'package.json');
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as {
        contributes: { commands: unknown[] };
      };
      pkg.contributes.commands.pop();
      writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
      const { drift } = await generate(dir);
      assert.deepEqual(
        drift.map((d) => d.file),
        [file],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a computed value, naming its line, since it reads and does not evaluate', function () {
    const dir = scratchCheckout();
    try {
      const file = join(dir, 'server/src/settings.ts');
      writeFileSync(file, readFileSync(file, 'utf8').replace('default: 300,', 'default: 3 * 100,'));
      assert.throws(() => readDeclarations(file), /settings\.ts:\d+: `3 \* 100` is not a literal/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps executables out of untrusted workspaces (restrictedConfigurations)', function () {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      capabilities: {
        untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] };
      };
    };
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(
      pkg.capabilities.untrustedWorkspaces.restrictedConfigurations,
      Object.keys(SETTINGS).filter((k) => k.startsWith('mirage.paths.')),
    );
  });

  it('what ts-morph reads is what the module exports at run time', function () {
    const decls = readDeclarations(join(root, 'server/src/settings.ts'));
    assert.deepEqual(
      decls.settings.map(({ name, ...rest }) => [name, rest]),
      Object.entries(SETTINGS).map(([name, d]) => [name, JSON.parse(JSON.stringify(d))]),
    );
    assert.deepEqual(decls.commands, JSON.parse(JSON.stringify(COMMANDS)));
  });

  it('gives a Settings type and defaults with the fields the server reads', function () {
    // Compile-time: these are the fields and value types server.ts uses.
    const s: Settings = {
      target: 'hvt',
      diagnostics: { targets: 'all' },
      mirageVersion: '4.11.1',
    };
    assert.ok(s);
    const d = defaultSettings();
    assert.deepEqual(
      [d.target, d.diagnostics?.targets, d.mirageVersion, d.run?.memory, d.configure?.flags],
      ['unix', 'current', '', 512, null],
    );
    assert.deepEqual(d.paths?.qemu, 'qemu-system-x86_64');
    assert.deepEqual(d.run?.net, {});
    // Typed from the declarations: a run setting the server reads (build/settings.ts).
    const run: Settings = { run: { args: ['-l', '*:debug'], accel: 'tcg' } };
    assert.ok(run);
    d.run!.args!.push('changed');
    assert.deepEqual(defaultSettings().run?.args, [], 'defaults are copies');
  });

  it('declares every command the extension registers itself', function () {
    const registered = new Set<string>();
    const dir = join(root, 'client', 'src');
    for (const f of readdirSync(dir)) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (const m of text.matchAll(/registerCommand\(\s*'([^']+)'/g)) registered.add(m[1]);
    }
    const declared = new Set<string>(
      COMMANDS.filter((c) => c.implementedBy === 'client').map((c) => c.command),
    );
    assert.deepEqual([...registered].sort(), [...declared].sort());
  });
});
