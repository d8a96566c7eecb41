import * as path from 'node:path';
import * as vscode from 'vscode';

/** Terminal text wants CRLF; the serial console sends bare LF (and sometimes CRLF). */
export function toTerminalText(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

const DIM = '\x1b[2m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';

/**
 * One terminal per unikernel directory, showing its serial console. Closing the terminal
 * (or Ctrl+C in it) stops the run: the unikernel must not outlive the only place that
 * shows it.
 */
export class RunTerminal implements vscode.Pseudoterminal {
  private readonly writer = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.writer.event;
  private readonly closer = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closer.event;
  private pending: string[] = [];
  private opened = false;
  running = false;
  terminal: vscode.Terminal | undefined;

  constructor(
    readonly dir: string,
    private readonly stop: (dir: string) => Promise<void>,
    private readonly onGone: (t: RunTerminal) => void,
  ) {}

  open(): void {
    this.opened = true;
    for (const chunk of this.pending) this.writer.fire(chunk);
    this.pending = [];
  }

  close(): void {
    this.onGone(this);
    if (this.running) void this.stop(this.dir);
    this.running = false;
  }

  handleInput(data: string): void {
    if (data === '\x03' && this.running) {
      this.info('stopping (Ctrl+C)');
      void this.stop(this.dir);
    }
  }

  write(text: string): void {
    const chunk = toTerminalText(text);
    if (this.opened) this.writer.fire(chunk);
    else this.pending.push(chunk);
  }

  info(text: string): void {
    this.write(`${DIM}[mirage] ${text}${RESET}\n`);
  }

  error(text: string): void {
    this.write(`${RED}[mirage] ${text}${RESET}\n`);
  }

  dispose(): void {
    this.writer.dispose();
    this.closer.dispose();
  }
}

export class RunTerminals implements vscode.Disposable {
  private readonly byDir = new Map<string, RunTerminal>();

  constructor(private readonly stop: (dir: string) => Promise<void>) {}

  /** The terminal of `dir`, created and shown if needed. */
  show(dir: string, target: string, debug: boolean): RunTerminal {
    const key = path.resolve(dir);
    let run = this.byDir.get(key);
    if (!run || !run.terminal || run.terminal.exitStatus !== undefined) {
      run = new RunTerminal(key, this.stop, (t) => {
        if (this.byDir.get(key) === t) this.byDir.delete(key);
      });
      run.terminal = vscode.window.createTerminal({
        name: `MirageOS: ${path.basename(key)}`,
        pty: run,
        iconPath: new vscode.ThemeIcon(debug ? 'debug-alt' : 'play'),
      });
      this.byDir.set(key, run);
    }
    run.terminal?.show(true);
    run.running = true;
    run.info(`${debug ? 'debugging' : 'running'} ${path.basename(key)} on ${target}`);
    return run;
  }

  get(dir: string): RunTerminal | undefined {
    return this.byDir.get(path.resolve(dir));
  }

  /** `mirage/console`: output for `dir`; a run we did not start still gets a terminal. */
  console(dir: string, text: string): void {
    const run = this.get(dir) ?? this.show(dir, 'its configured target', false);
    run.write(text);
  }

  exited(dir: string, code: number | null, meaning?: string): void {
    const run = this.get(dir);
    if (!run) return;
    run.running = false;
    const status = code === null ? 'stopped' : `exit code ${code}`;
    run.info(`${status}${meaning ? `: ${meaning}` : ''}`);
  }

  dispose(): void {
    for (const run of this.byDir.values()) run.terminal?.dispose();
    this.byDir.clear();
  }
}
