import { unwatchFile, watchFile } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigureContext, parseContext } from '../targets/context';
import { contextPath, moduleNameOfFile } from './unikernel';

/** What the server knows about one unikernel directory, read asynchronously and watched. */
export interface ProjectInfo {
  readonly dir: string;
  readonly siblingModules: string[];
  /** Texts of the unikernel's `.ml` files (not config.ml), by file name. */
  readonly sources: Map<string, string>;
  readonly context: ConfigureContext | null;
}

/**
 * Keeps per-directory project facts (sibling sources, mirage/context) fresh without blocking
 * the event loop: reads are asynchronous, and `onChange` fires when a watched file changes.
 */
export class Projects {
  private readonly infos = new Map<string, ProjectInfo>();
  private readonly loading = new Map<string, Promise<ProjectInfo>>();
  /** The files watched for each directory. */
  private readonly watched = new Map<string, Set<string>>();

  constructor(private readonly onChange: (dir: string) => void) {}

  /** The loaded facts, or undefined while they are being read. */
  peek(dir: string): ProjectInfo | undefined {
    return this.infos.get(dir);
  }

  load(dir: string): Promise<ProjectInfo> {
    let p = this.loading.get(dir);
    if (!p) {
      // Watched before it is read: a `mirage configure` writing it during the read is then
      // seen as a change, not lost between the read and the watcher's first look.
      this.watch(contextPath(dir), dir);
      const loading: Promise<ProjectInfo> = this.read(dir).then((info) => {
        // Released while it was read: nothing to keep or watch.
        if (this.loading.get(dir) !== loading) return info;
        this.infos.set(dir, info);
        for (const f of info.sources.keys()) this.watch(join(dir, f), dir);
        return info;
      });
      this.loading.set(dir, (p = loading));
    }
    return p;
  }

  /** Forgets a directory no open document needs any more, and stops watching its files. */
  release(dir: string): void {
    this.loading.delete(dir);
    this.infos.delete(dir);
    for (const path of this.watched.get(dir) ?? []) unwatchFile(path);
    this.watched.delete(dir);
  }

  private watch(path: string, dir: string): void {
    let paths = this.watched.get(dir);
    if (!paths) this.watched.set(dir, (paths = new Set()));
    if (paths.has(path)) return;
    paths.add(path);
    watchFile(path, { interval: 250, persistent: false }, (now, before) => {
      // Node also calls with two zeroed stats when the file is missing from the start (a
      // project not configured yet): re-reading then analysed every such document twice.
      if (now.mtimeMs === before.mtimeMs && now.size === before.size && now.ino === before.ino)
        return;
      void this.refresh(dir);
    });
  }

  /** Re-reads a directory (after a watched change) and notifies. */
  async refresh(dir: string): Promise<void> {
    const loading = this.loading.get(dir);
    if (!loading) return;
    // A change seen during the first read is read again after it.
    await loading;
    const info = await this.read(dir);
    if (this.loading.get(dir) !== loading) return; // released meanwhile
    this.infos.set(dir, info);
    for (const f of info.sources.keys()) this.watch(join(dir, f), dir);
    this.onChange(dir);
  }

  private async read(dir: string): Promise<ProjectInfo> {
    const [entries, context] = await Promise.all([
      readdir(dir).catch(() => [] as string[]),
      readFile(contextPath(dir), 'utf8').catch(() => null),
    ]);
    const files = entries.filter((f) => f.endsWith('.ml') && f !== 'config.ml');
    const texts = await Promise.all(
      files.map((f) => readFile(join(dir, f), 'utf8').catch(() => '')),
    );
    return {
      dir,
      siblingModules: files.map(moduleNameOfFile),
      sources: new Map(files.map((f, i) => [f, texts[i]])),
      context: context === null ? null : parseContext(context),
    };
  }

  dispose(): void {
    for (const dir of [...this.watched.keys()]) this.release(dir);
  }
}
