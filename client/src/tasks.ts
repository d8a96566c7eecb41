import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { problemMatcherNames } from './problemMatchers';
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

/** All `$mirage*` matchers: each catches one length of OCaml's source quote. */
const PROBLEM_MATCHERS = problemMatcherNames();

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

  constructor(
    private readonly steps: Step[],
    private readonly cwd: string,
  ) {}

  open(): void {
    // VS Code attaches the problem matchers to the terminal just after open(); output
    // written at once would be shown but not matched.
    setTimeout(() => void this.run(), 250);
  }

  close(): void {
    this.closed = true;
    this.child?.kill();
  }

  private write(text: string): void {
    this.writer.fire(text.replace(/\r?\n/g, '\r\n'));
  }

  private async run(): Promise<void> {
    for (const step of this.steps) {
      if (this.closed) return;
      this.write(`\x1b[2m$ ${[step.program, ...step.args].join(' ')}\x1b[0m\n`);
      const code = await this.runStep(step);
      if (code !== 0) {
        this.closer.fire(code);
        return;
      }
    }
    this.closer.fire(0);
  }

  private runStep(step: Step): Promise<number> {
    return new Promise((resolve) => {
      const lines = new LineMapper((l) => absoluteLocations(l, this.cwd));
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

export function taskFor(
  def: MirageTaskDefinition,
  folder: vscode.WorkspaceFolder,
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
  const execution = new vscode.CustomExecution(async () => new StepsTerminal(steps, cwd));
  const task = new vscode.Task(def, scope, name, TASK_TYPE, execution, PROBLEM_MATCHERS);
  if (group) task.group = group;
  return task;
}

export class MirageTaskProvider implements vscode.TaskProvider {
  constructor(
    private readonly dirs: () => readonly string[],
    private readonly trusted: () => boolean,
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
          const t = taskFor({ type: TASK_TYPE, task: kind, target, dir: rel }, folder);
          if (t) tasks.push(t);
        }
      }
      const clean = taskFor({ type: TASK_TYPE, task: 'clean', dir: rel }, folder);
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
    const resolved = taskFor(def, folder);
    if (!resolved) return undefined;
    return new vscode.Task(
      def,
      folder,
      resolved.name,
      TASK_TYPE,
      resolved.execution,
      PROBLEM_MATCHERS,
    );
  }
}
