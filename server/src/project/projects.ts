import { watchFile, unwatchFile } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { ConfigureContext, parseContext } from '../targets/context';
import { contextPath, moduleNameOfFile } from './unikernel';

/** What the server knows about one unikernel directory, read asynchronously and watched. */
export interface ProjectInfo {
  readonly dir: string;
  siblingModules: string[];
  context: ConfigureContext | null;
}

/**
 * Keeps per-directory project facts (sibling modules, mirage/context) fresh without blocking
 * the event loop: reads are asynchronous, and `onChange` fires when the context file changes.
 */
export class Projects {
  private readonly infos = new Map<string, ProjectInfo>();
  private readonly loading = new Map<string, Promise<ProjectInfo>>();

  constructor(private readonly onChange: (dir: string) => void) {}

  /** The loaded facts, or undefined while they are being read. */
  peek(dir: string): ProjectInfo | undefined {
    return this.infos.get(dir);
  }

  load(dir: string): Promise<ProjectInfo> {
    let p = this.loading.get(dir);
    if (!p) {
      p = this.read(dir).then((info) => {
        this.infos.set(dir, info);
        watchFile(
          contextPath(dir),
          { interval: 250, persistent: false },
          () => void this.refresh(dir),
        );
        return info;
      });
      this.loading.set(dir, p);
    }
    return p;
  }

  /** Re-reads a directory (after a watched change) and notifies. */
  async refresh(dir: string): Promise<void> {
    if (!this.infos.has(dir)) return;
    const info = await this.read(dir);
    this.infos.set(dir, info);
    this.onChange(dir);
  }

  private async read(dir: string): Promise<ProjectInfo> {
    const [entries, context] = await Promise.all([
      readdir(dir).catch(() => [] as string[]),
      readFile(contextPath(dir), 'utf8').catch(() => null),
    ]);
    return {
      dir,
      siblingModules: entries
        .filter((f) => f.endsWith('.ml') && f !== 'config.ml')
        .map(moduleNameOfFile),
      context: context === null ? null : parseContext(context),
    };
  }

  dispose(): void {
    for (const dir of this.infos.keys()) unwatchFile(contextPath(dir));
  }
}
