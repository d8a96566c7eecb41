import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MALLOC_SETTINGS,
  SERVER_NODE_OPTIONS,
  childEnvironment,
  serverEnvironment,
} from '../src/launch';

/**
 * Every launcher starts the server with the same node options and environment, and the tools
 * the server runs get the launcher's environment back.
 */
const bin = join(__dirname, '../../bin/mirage-lsp');

describe('starting the server process', () => {
  it('gives the tools it runs the environment of whoever launched it', () => {
    const launchers: NodeJS.ProcessEnv[] = [
      { PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: '/etc/ssl/corp.pem' },
      { PATH: '/usr/bin', MALLOC_ARENA_MAX: '8' },
      { PATH: '/usr/bin', MALLOC_MMAP_THRESHOLD_: '4096', NODE_EXTRA_CA_CERTS: '' },
      { PATH: '/usr/bin' },
    ];
    for (const launcher of launchers) {
      const server = serverEnvironment(launcher);
      assert.equal(server.NODE_EXTRA_CA_CERTS, undefined);
      for (const [name, value] of Object.entries(MALLOC_SETTINGS))
        assert.equal(server[name], launcher[name] ?? value);
      assert.deepEqual(childEnvironment(server), launcher);
    }
  });

  it('has the command start node with the same options', async function () {
    this.timeout(10000);
    const first = readFileSync(bin, 'utf8').split('\n')[0];
    // Linux before 5.1 reads 127 characters of it and would cut the command short.
    assert.ok(first.length <= 127, `${first.length} characters`);
    for (const option of SERVER_NODE_OPTIONS) assert.ok(first.includes(` ${option}`), first);
    for (const [name, value] of Object.entries(MALLOC_SETTINGS))
      assert.ok(first.includes(` ${name}=${value} `), first);
    // And the kernel and env really pass them on: the running process's command line has them.
    const child = spawn(bin, ['--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const argv = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
      for (const option of SERVER_NODE_OPTIONS) assert.ok(argv.includes(option), argv.join(' '));
      const environ = readFileSync(`/proc/${child.pid}/environ`, 'utf8').split('\0');
      for (const [name, value] of Object.entries(MALLOC_SETTINGS))
        assert.ok(environ.includes(`${name}=${value}`), name);
    } finally {
      child.kill();
    }
  });

  it('gives the tools the command runs the environment it was started with', () => {
    // A `mirage` that writes down its environment: `check` asks it for its version.
    const tools = mkdtempSync(join(tmpdir(), 'mirage-lsp-tools-'));
    const seen = join(tools, 'environment');
    writeFileSync(join(tools, 'mirage'), `#!/bin/sh\nenv > '${seen}'\necho v4.11.1\n`);
    chmodSync(join(tools, 'mirage'), 0o755);
    const project = mkdtempSync(join(tmpdir(), 'mirage-lsp-launch-'));
    writeFileSync(join(project, 'config.ml'), 'open Mirage\n');
    const caller: NodeJS.ProcessEnv = {
      PATH: `${tools}:/usr/bin:/bin`,
      OPAM_SWITCH_PREFIX: '',
      MALLOC_ARENA_MAX: undefined,
      MALLOC_MMAP_THRESHOLD_: undefined,
    };
    const r = spawnSync(bin, ['check', project], {
      encoding: 'utf8',
      env: { ...process.env, ...caller },
    });
    assert.equal(r.status, 0, r.stderr);
    const env = envOf(readFileSync(seen, 'utf8').split('\n'));
    for (const name of Object.keys(MALLOC_SETTINGS)) assert.equal(env[name], undefined, name);
    assert.deepEqual(
      Object.keys(env).filter((k) => k.startsWith('MIRAGE_LSP_')),
      [],
    );
  });
});

function envOf(lines: string[]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const line of lines) {
    const eq = line.indexOf('=');
    if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return env;
}
