import * as path from 'node:path';
import * as vscode from 'vscode';
import { problemMatcherNames } from './problemMatchers';
import { TARGET_NAMES } from './projects';

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

function quote(arg: string): vscode.ShellQuotedString {
  return { value: arg, quoting: vscode.ShellQuoting.Strong };
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
  let execution: vscode.ProcessExecution | vscode.ShellExecution;
  let name: string;
  let group: vscode.TaskGroup | undefined;
  switch (def.task) {
    case 'configure':
      name = `${where}configure (${target})`;
      execution = new vscode.ProcessExecution('mirage', ['configure', '-t', target], { cwd });
      break;
    case 'build':
      // What `mirage configure` itself recommends afterwards: `make` (depends + build).
      name = `${where}build (${target})`;
      execution = new vscode.ShellExecution(
        quote('mirage'),
        [quote('configure'), quote('-t'), quote(target), '&&', quote('make')],
        { cwd },
      );
      group = vscode.TaskGroup.Build;
      break;
    case 'clean':
      name = `${where}clean`;
      execution = new vscode.ProcessExecution('mirage', ['clean'], { cwd });
      group = vscode.TaskGroup.Clean;
      break;
    default:
      return undefined;
  }
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
