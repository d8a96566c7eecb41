/**
 * Process supervision for builds and runs: argv arrays (never a shell), each child in its own
 * process group so that stopping it also stops what it started (make → dune → ocamlfind,
 * a tender, QEMU), streamed output, timeouts, and one process per key (unikernel directory).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { childEnvironment } from '../launch';

export interface ProcessSpec {
  readonly argv: readonly string[];
  readonly cwd: string;
  /** Added to (and overriding) this process's environment. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface ProcessResult {
  readonly code: number | null;
  readonly signal: string | null;
  /** Stopped on request (stop(), cancellation). */
  readonly stopped: boolean;
  readonly timedOut: boolean;
  /** Why it could not start (`spawn qemu-system-x86_64 ENOENT`). */
  readonly error?: string;
  /** The end of what it wrote to stderr, for reading its exit status. */
  readonly stderrTail: string;
  readonly durationMs: number;
}

export interface ProcessOptions {
  readonly onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
  readonly timeoutMs?: number;
  /** How long a stopped process gets between SIGTERM and SIGKILL. */
  readonly graceMs?: number;
}

/** Process groups still alive, killed when this process exits. */
const liveGroups = new Set<number>();
let cleanupInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Kills every child group when this process ends, also on SIGTERM/SIGHUP. */
export function installExitCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  });
  for (const sig of ['SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
      process.exit(128 + (sig === 'SIGTERM' ? 15 : 1));
    });
  }
}

export class RunningProcess {
  readonly done: Promise<ProcessResult>;
  readonly startedAt = Date.now();
  private stopping: Promise<ProcessResult> | null = null;
  private stopRequested = false;
  private timedOut = false;
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly argv: readonly string[],
    private readonly graceMs: number,
    opts: ProcessOptions,
  ) {
    let stderrTail = '';
    let error: string | undefined;
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (t: string) => opts.onOutput?.(t, 'stdout'));
    child.stderr?.on('data', (t: string) => {
      stderrTail = (stderrTail + t).slice(-4096);
      opts.onOutput?.(t, 'stderr');
    });
    if (child.pid !== undefined) liveGroups.add(child.pid);
    if (opts.timeoutMs !== undefined && opts.timeoutMs > 0) {
      this.timer = setTimeout(() => {
        this.timedOut = true;
        void this.stop();
      }, opts.timeoutMs);
    }
    this.done = new Promise((resolve) => {
      const finish = (code: number | null, signal: string | null) => {
        clearTimeout(this.timer);
        if (child.pid !== undefined) {
          liveGroups.delete(child.pid);
          // Whatever the leader left behind in its group goes with it.
          if (this.stopRequested) killGroup(child.pid, 'SIGKILL');
        }
        resolve({
          code,
          signal,
          stopped: this.stopRequested && !this.timedOut,
          timedOut: this.timedOut,
          error,
          stderrTail,
          durationMs: Date.now() - this.startedAt,
        });
      };
      child.once('error', (e) => {
        error = e.message;
        // A child that never started emits no 'close' of its own in every node version.
        if (child.pid === undefined) finish(null, null);
      });
      child.once('close', (code, signal) => finish(code, signal));
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  static start(spec: ProcessSpec, opts: ProcessOptions = {}): RunningProcess {
    const [command, ...args] = spec.argv;
    if (!command) throw new Error('empty command line');
    const child = spawn(command, args, {
      cwd: spec.cwd,
      env: { ...childEnvironment(), ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      shell: false,
      windowsHide: true,
    });
    return new RunningProcess(child, spec.argv, opts.graceMs ?? 1500, opts);
  }

  /** SIGTERM to the whole group, SIGKILL after the grace period; resolves when it is gone. */
  stop(): Promise<ProcessResult> {
    if (this.stopping) return this.stopping;
    this.stopRequested = true;
    const pid = this.child.pid;
    if (pid !== undefined && liveGroups.has(pid)) {
      killGroup(pid, 'SIGTERM');
      const kill = setTimeout(() => killGroup(pid, 'SIGKILL'), this.graceMs);
      void this.done.then(() => clearTimeout(kill));
    }
    this.stopping = this.done;
    return this.done;
  }
}

export class BusyError extends Error {
  constructor(
    readonly key: string,
    readonly running: RunningProcess,
  ) {
    super(`a process is already running for ${key} (pid ${running.pid}): stop it first`);
  }
}

/** At most one process per key; the entry goes when the process ends. */
export class Supervisor {
  private readonly running = new Map<string, RunningProcess>();

  constructor() {
    installExitCleanup();
  }

  get(key: string): RunningProcess | undefined {
    return this.running.get(key);
  }

  start(key: string, spec: ProcessSpec, opts: ProcessOptions = {}): RunningProcess {
    const existing = this.running.get(key);
    if (existing) throw new BusyError(key, existing);
    const p = RunningProcess.start(spec, opts);
    this.running.set(key, p);
    void p.done.then(() => {
      if (this.running.get(key) === p) this.running.delete(key);
    });
    return p;
  }

  async stop(key: string): Promise<ProcessResult | undefined> {
    const p = this.running.get(key);
    return p ? p.stop() : undefined;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.values()].map((p) => p.stop()));
  }
}

/** A TCP port on 127.0.0.1 that was free a moment ago (for QEMU's gdb stub). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
