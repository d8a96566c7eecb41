import assert from 'node:assert/strict';
import fs, { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Projects } from '../src/project/projects';

/** The project facts follow the files on disk while a config.ml needs them, and only then. */
describe('project facts and their watchers', () => {
  function project(): string {
    const dir = mkdtempSync(join(tmpdir(), 'mirage-lsp-projects-'));
    writeFileSync(join(dir, 'config.ml'), 'open Mirage\n');
    writeFileSync(join(dir, 'unikernel.ml'), 'module Main = struct end\n');
    return dir;
  }

  /** Resolves with the directory the next change is reported for, or null after `ms`. */
  function nextChange(changes: string[], ms: number): Promise<string | null> {
    const seen = changes.length;
    return new Promise((resolve) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (changes.length > seen || Date.now() - started > ms) {
          clearInterval(poll);
          resolve(changes[seen] ?? null);
        }
      }, 20);
    });
  }

  it('reads the sources and mirage/context, and follows a configure', async () => {
    const changes: string[] = [];
    const projects = new Projects((dir) => changes.push(dir));
    try {
      const dir = project();
      const info = await projects.load(dir);
      assert.deepEqual(info.siblingModules, ['Unikernel']);
      assert.equal(info.context, null);
      mkdirSync(join(dir, 'mirage'));
      writeFileSync(join(dir, 'mirage', 'context'), 'configure\n-t\nhvt\n');
      assert.equal(await nextChange(changes, 3000), dir);
      assert.ok(projects.peek(dir)?.context);
    } finally {
      projects.dispose();
    }
  });

  it('stops watching a released directory, even one released while it was being read', async () => {
    const changes: string[] = [];
    const projects = new Projects((dir) => changes.push(dir));
    // The files node is polling: each watcher costs a stat every 250 ms for good.
    const polled = new Set<string>();
    const { watchFile, unwatchFile } = fs;
    fs.watchFile = ((path: string, ...rest: never[]) => {
      polled.add(path);
      return (watchFile as (...a: unknown[]) => unknown)(path, ...rest);
    }) as typeof fs.watchFile;
    fs.unwatchFile = ((path: string, ...rest: never[]) => {
      polled.delete(path);
      return (unwatchFile as (...a: unknown[]) => unknown)(path, ...rest);
    }) as typeof fs.unwatchFile;
    try {
      const released = project();
      await projects.load(released);
      projects.release(released);
      const early = project();
      const reading = projects.load(early);
      projects.release(early);
      await reading;
      assert.equal(projects.peek(released), undefined);
      assert.equal(projects.peek(early), undefined);
      assert.deepEqual([...polled], []);
      for (const dir of [released, early]) {
        writeFileSync(join(dir, 'unikernel.ml'), 'module Main = struct let x = 1 end\n');
        mkdirSync(join(dir, 'mirage'));
        writeFileSync(join(dir, 'mirage', 'context'), 'configure\n-t\nunix\n');
      }
      // Longer than the polling interval: a watcher left behind would have reported.
      assert.equal(await nextChange(changes, 800), null);
    } finally {
      projects.dispose();
      fs.watchFile = watchFile;
      fs.unwatchFile = unwatchFile;
    }
  });
});
