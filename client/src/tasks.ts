import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { collectProblems } from './problemMatching';
import { problemMatchers } from './problemMatchers';
import { TARGET_NAMES } from './projects';
import { LineMapper, absoluteLocations } from './taskOutput';

export const TASK_TYPE = 'mirage';

/** Must match `contributes.taskDefinitions` in package.json. */
export interface MirageTaskDefinition extends vscode.TaskDefinition {
  task: 'configure' | 'build' | 'clean';
  target?: string;
  /** Unikernel directory, relative to the workspace folder; default: the folder itself. */
  dir?: string;
}

/**
 * Where our tasks put the errors they print. VS Code's own matching of the `$mirage`
 * matchers is for users' tasks: in code-server 1.100 it produced no marker for a task
 * run while a config.ml editor was active (e2e/vscode.test.ts), and it reads OCaml's
 * 0-based columns as 1-based. Running the same matchers here gives exact ranges.
 */
export type ProblemSink = vscode.DiagnosticCollection;

interface Step {
  program: string;
  args: string[];
}

/**
 * Runs the steps one after the other in a task terminal, as argv (no shell), showing
 * their output with OCaml locations made absolute so that the problem matchers find
 * the files. Stops at the first failing step; closing the terminal kills the process.
 */
class StepsTerminal implements vscode.Pseudoterminal {
  private readonly writer = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.writer.event;
  private readonly closer = new vscode.EventEmitter<number>();
  readonly onDidClose = this.closer.event;
  private child: ChildProcess | undefined;
  private closed = false;

  private readonly output: string[] = [];

  constructor(
    private readonly steps: Step[],
    private readonly cwd: string,
    private readonly started: Promise<void>,
    private readonly sink: ProblemSink,
  ) {}

  open(): void {
    void this.started.then(() => this.run());
  }

  close(): void {
    this.closed = true;
    this.child?.kill();
  }

  private write(text: string): void {
    this.writer.fire(text.replace(/\r?\n/g, '\r\n'));
  }

  /** Problems found so far, by file; earlier ones of files in this directory are replaced. */
  private report(): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of collectProblems(problemMatchers(), this.output)) {
      const file = path.resolve(this.cwd, p.file);
      // OCaml's lines count from 1 and its characters from 0, as LSP's and VS Code's do.
      const line = p.line - 1;
      const start = new vscode.Position(line, p.character ?? 0);
      const end = new vscode.Position(
        (p.endLine ?? p.line) - 1,
        p.endCharacter ?? (p.character === undefined ? Number.MAX_SAFE_INTEGER : p.character),
      );
      const severity =
        p.severity === 'error'
          ? vscode.DiagnosticSeverity.Error
          : p.severity === 'warning'
            ? vscode.DiagnosticSeverity.Warning
            : vscode.DiagnosticSeverity.Information;
      const d = new vscode.Diagnostic(new vscode.Range(start, end), p.message, severity);
      d.source = 'mirage task';
      if (p.code) d.code = p.code;
      const list = byFile.get(file) ?? [];
      if (!list.some((x) => x.range.isEqual(d.range) && x.message === d.message)) list.push(d);
      byFile.set(file, list);
    }
    for (const [file, list] of byFile) this.sink.set(vscode.Uri.file(file), list);
  }

  private clearDirectory(): void {
    const prefix = this.cwd + path.sep;
    this.sink.forEach((uri) => {
      if (uri.fsPath.startsWith(prefix)) this.sink.delete(uri);
    });
  }

  private async run(): Promise<void> {
    this.clearDirectory();
    for (const step of this.steps) {
      if (this.closed) return;
      this.write(`\x1b[2m$ ${[step.program, ...step.args].join(' ')}\x1b[0m\n`);
      const code = await this.runStep(step);
      this.report();
      if (code !== 0) {
        this.closer.fire(code);
        return;
      }
    }
    this.closer.fire(0);
  }

  private runStep(step: Step): Promise<number> {
    return new Promise((resolve) => {
      const lines = new LineMapper((l) => {
        const shown = absoluteLocations(l, this.cwd);
        this.output.push(shown);
        return shown;
      });
      const child = spawn(step.program, step.args, { cwd: this.cwd });
      this.child = child;
      const show = (b: Buffer): void => this.write(lines.push(b.toString()));
      child.stdout.on('data', show);
      child.stderr.on('data', show);
      child.on('error', (e) => {
        this.write(`${step.program}: ${e.message}\n`);
        resolve(127);
      });
      child.on('close', (code) => {
        this.write(lines.flush());
        resolve(code ?? 1);
      });
    });
  }
}

/**
 * Resolves when VS Code reports the task started. It hooks the problem matchers to the
 * task terminal right after that event and not before, so output written earlier would
 * be shown but never matched. The timer covers an event that does not come.
 */
function taskStarted(name: string): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    };
    const timer = setTimeout(done, 3000);
    const listener = vscode.tasks.onDidStartTask((e) => {
      const t = e.execution.task;
      if (t.source === TASK_TYPE && t.name === name) done();
    });
  });
}

export function taskFor(
  def: MirageTaskDefinition,
  folder: vscode.WorkspaceFolder,
  sink: ProblemSink,
  scope: vscode.TaskScope.Workspace | vscode.WorkspaceFolder = folder,
): vscode.Task | undefined {
  const cwd = def.dir ? path.resolve(folder.uri.fsPath, def.dir) : folder.uri.fsPath;
  const target = def.target ?? 'unix';
  if (def.task !== 'clean' && !TARGET_NAMES.includes(target)) return undefined;
  const where = def.dir && def.dir !== '.' ? `${def.dir}: ` : '';
  // The same programs the server's commands use (mirage.paths.*).
  const paths = vscode.workspace.getConfiguration('mirage.paths', vscode.Uri.file(cwd));
  const mirage = paths.get<string>('mirage') || 'mirage';
  const make = paths.get<string>('make') || 'make';
  const configure: Step = { program: mirage, args: ['configure', '-t', target] };
  let steps: Step[];
  let name: string;
  let group: vscode.TaskGroup | undefined;
  switch (def.task) {
    case 'configure':
      name = `${where}configure (${target})`;
      steps = [configure];
      break;
    case 'build':
      // What `mirage configure` itself recommends afterwards: `make` (depends + build).
      name = `${where}build (${target})`;
      steps = [configure, { program: make, args: [] }];
      group = vscode.TaskGroup.Build;
      break;
    case 'clean':
      name = `${where}clean`;
      steps = [{ program: mirage, args: ['clean'] }];
      group = vscode.TaskGroup.Clean;
      break;
    default:
      return undefined;
  }
  const execution = new vscode.CustomExecution(
    async () => new StepsTerminal(steps, cwd, taskStarted(name), sink),
  );
  // No matchers for VS Code to run (we report ourselves); an explicit empty list also
  // keeps VS Code from asking which output to scan.
  const task = new vscode.Task(def, scope, name, TASK_TYPE, execution, []);
  if (group) task.group = group;
  return task;
}

export class MirageTaskProvider implements vscode.TaskProvider {
  constructor(
    private readonly dirs: () => readonly string[],
    private readonly trusted: () => boolean,
    private readonly sink: ProblemSink,
  ) {}

  provideTasks(): vscode.Task[] {
    // Tasks run processes; VS Code hides them in restricted mode, and so do we.
    if (!this.trusted()) return [];
    const tasks: vscode.Task[] = [];
    for (const dir of this.dirs()) {
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dir));
      if (!folder) continue;
      const rel = path.relative(folder.uri.fsPath, dir) || undefined;
      for (const target of TARGET_NAMES) {
        for (const kind of ['configure', 'build'] as const) {
          const t = taskFor({ type: TASK_TYPE, task: kind, target, dir: rel }, folder, this.sink);
          if (t) tasks.push(t);
        }
      }
      const clean = taskFor({ type: TASK_TYPE, task: 'clean', dir: rel }, folder, this.sink);
      if (clean) tasks.push(clean);
    }
    return tasks;
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const def = task.definition as MirageTaskDefinition;
    const scope = task.scope;
    const folder =
      scope && typeof scope === 'object' ? scope : vscode.workspace.workspaceFolders?.[0];
    if (!folder || !this.trusted()) return undefined;
    // VS Code wants the definition object it passed in, unchanged.
    const resolved = taskFor(def, folder, this.sink);
    if (!resolved) return undefined;
    return new vscode.Task(def, folder, resolved.name, TASK_TYPE, resolved.execution, []);
  }
}
