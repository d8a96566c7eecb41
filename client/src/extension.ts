import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CodeLensRequest,
  ExecuteCommandRequest,
  ExecuteCommandSignature,
  LanguageClient,
  LanguageClientOptions,
  ResponseError,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { SERVER_NODE_OPTIONS, serverEnvironment } from '../../server/src/launch';
import { COMMANDS, SETTINGS, Settings } from '../../server/src/settings';
import { DeviceGraphView } from './deviceGraphView';
import {
  activeUnikernelDir,
  documentSelectorFor,
  effectiveTarget,
  findUnikernelDirs,
  unikernelDirOf,
} from './projects';
import {
  CommandTarget,
  ConsoleNotification,
  ConsoleParams,
  LaunchPlan,
  PROCESS_COMMANDS,
  RunExitedNotification,
  RunExitedParams,
} from './protocol';
import { RunTerminals } from './runTerminal';
import { TargetStatus } from './targetStatus';
import { MirageTaskProvider, TASK_TYPE, taskFor } from './tasks';

const TITLES = new Map<string, string>(COMMANDS.map((c) => [c.command, c.title]));

/** Every declared setting, nested as the server reads them from `workspace/configuration`. */
function currentSettings(): Settings {
  const c = vscode.workspace.getConfiguration('mirage');
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(SETTINGS)) {
    const path = name.split('.').slice(1);
    let node = out;
    for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1]] = c.get(path.join('.'));
  }
  return out as Settings;
}

class MirageExtension implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private dirs: string[] = [];
  private readonly output = vscode.window.createOutputChannel('MirageOS', { log: true });
  private readonly runs = new RunTerminals((dir) => this.stopRun(dir));
  private readonly graph = new DeviceGraphView(() => this.client, this.output);
  private readonly status = new TargetStatus(
    () => this.dirs,
    (dir, target) =>
      vscode.commands.executeCommand('mirage.configure', this.commandTarget(dir, target)),
  );
  /** Client-side stand-ins for server commands this server version does not have. */
  private fallbacks: vscode.Disposable[] = [];
  private restartTimer: NodeJS.Timeout | undefined;
  private lensTimer: NodeJS.Timeout | undefined;
  private readonly taskProblems = vscode.languages.createDiagnosticCollection('mirage-task');

  constructor(private readonly context: vscode.ExtensionContext) {}

  async activate(): Promise<void> {
    const ctx = this.context;
    ctx.subscriptions.push(
      this,
      this.output,
      this.runs,
      this.graph,
      this.status,
      this.taskProblems,
    );
    this.dirs = await findUnikernelDirs();
    const configWatcher = vscode.workspace.createFileSystemWatcher('**/config.ml', false, true);
    const contextWatcher = vscode.workspace.createFileSystemWatcher('**/mirage/context');
    const onContext = (): void => {
      void this.status.update();
      this.graph.refresh();
      this.refreshLenses();
    };
    ctx.subscriptions.push(
      configWatcher,
      configWatcher.onDidCreate(() => this.rescan()),
      configWatcher.onDidDelete(() => this.rescan()),
      contextWatcher,
      contextWatcher.onDidCreate(onContext),
      contextWatcher.onDidChange(onContext),
      contextWatcher.onDidDelete(onContext),
      vscode.window.onDidChangeActiveTextEditor(() => void this.status.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('mirage.target')) return;
        void this.status.update();
        // The server re-reads settings, but VS Code only asks for lenses again on edits.
        setTimeout(() => this.refreshLenses(), 200);
      }),
      // Restricted mode starts the server without process rights; trust needs a restart.
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.restart('workspace trusted')),
      vscode.tasks.registerTaskProvider(
        TASK_TYPE,
        new MirageTaskProvider(
          () => this.dirs,
          () => vscode.workspace.isTrusted,
          this.taskProblems,
        ),
      ),
      vscode.commands.registerCommand('mirage.selectTarget', () => this.status.pick()),
      vscode.commands.registerCommand('mirage.showDeviceGraph', () => this.graph.show()),
      vscode.commands.registerCommand('mirage.showOutput', () => this.output.show(true)),
      vscode.commands.registerCommand('mirage.restartServer', () => this.restart('on request')),
    );
    await this.start();
    await this.status.update();
  }

  private serverOptions(): ServerOptions {
    const module = this.context.asAbsolutePath(path.join('server', 'dist', 'cli.js'));
    // TransportKind.stdio makes the client run `node cli.js --stdio --clientProcessId=N`.
    const env = serverEnvironment(process.env);
    return {
      run: {
        module,
        transport: TransportKind.stdio,
        options: { execArgv: [...SERVER_NODE_OPTIONS], env },
      },
      debug: {
        module,
        transport: TransportKind.stdio,
        options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6009'], env },
      },
    };
  }

  private clientOptions(): LanguageClientOptions {
    return {
      documentSelector: documentSelectorFor(this.dirs),
      diagnosticCollectionName: 'mirage',
      outputChannel: this.output,
      initializationOptions: () => ({
        settings: currentSettings(),
        // The server refuses every process-starting command when this is false.
        trusted: vscode.workspace.isTrusted,
      }),
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher('**/{mirage/context,*.ml}'),
      },
      middleware: {
        executeCommand: (command, args, next) => this.executeCommand(command, args, next),
        handleDiagnostics: (uri, diagnostics, next) => {
          next(uri, diagnostics);
          // A publication means the server has (re)analysed the file, possibly with the
          // project's mirage/context read meanwhile: lenses asked for before may be
          // missing or name the wrong target. Ask again, once things settle.
          // Once more a little later: a refresh that lands while VS Code's own lens request
          // is still out can be dropped with it.
          clearTimeout(this.lensTimer);
          this.lensTimer = setTimeout(() => {
            this.refreshLenses();
            this.lensTimer = setTimeout(() => this.refreshLenses(), 1500);
          }, 300);
        },
      },
    };
  }

  private async start(): Promise<void> {
    const client = new LanguageClient(
      'mirage',
      'MirageOS',
      this.serverOptions(),
      this.clientOptions(),
    );
    this.client = client;
    client.onNotification(ConsoleNotification, (p: ConsoleParams) =>
      this.runs.console(p.dir, p.text),
    );
    client.onNotification(RunExitedNotification, (p: RunExitedParams) =>
      this.runs.exited(p.dir, p.code, p.meaning),
    );
    try {
      await client.start();
    } catch (e) {
      this.output.error(`MirageOS language server did not start: ${(e as Error).message}`);
      return;
    }
    this.output.info(
      `started for ${this.dirs.length} unikernel(s); trusted=${vscode.workspace.isTrusted}`,
    );
    this.registerFallbacks(client);
    void vscode.commands.executeCommand('setContext', 'mirage.active', this.dirs.length > 0);
  }

  private async restart(why: string): Promise<void> {
    this.output.info(`restarting the language server (${why})`);
    for (const f of this.fallbacks) f.dispose();
    this.fallbacks = [];
    const old = this.client;
    this.client = undefined;
    if (old) {
      try {
        await old.stop();
      } catch (e) {
        this.output.warn(`stopping the server: ${(e as Error).message}`);
      }
    }
    await this.start();
  }

  /** Asks VS Code for fresh code lenses (their titles name the target). */
  private refreshLenses(): void {
    const feature = this.client?.getFeature(CodeLensRequest.method);
    if (!feature) return;
    const fired = new Set<unknown>();
    for (const doc of vscode.workspace.textDocuments) {
      const p = feature.getProvider(doc);
      if (p && !fired.has(p)) {
        fired.add(p);
        p.onDidChangeCodeLensEmitter.fire();
      }
    }
  }

  /** A new or deleted config.ml changes which files the server should see. */
  private rescan(): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(async () => {
      const dirs = await findUnikernelDirs();
      if (dirs.join('\n') === this.dirs.join('\n')) return;
      this.dirs = dirs;
      await this.restart('config.ml added or removed');
      await this.status.update();
    }, 500);
  }

  /**
   * Server commands are registered in VS Code by the language client. For those this
   * server does not offer (yet), register stand-ins so palette entries still do
   * something sensible: tasks where we have one, else an explanation.
   */
  private registerFallbacks(client: LanguageClient): void {
    const offered = new Set(
      client.initializeResult?.capabilities.executeCommandProvider?.commands ?? [],
    );
    for (const c of COMMANDS) {
      if (c.implementedBy !== 'server' || offered.has(c.command)) continue;
      const next: ExecuteCommandSignature = async (command, args) =>
        this.fallback(command, args[0] as CommandTarget);
      this.fallbacks.push(
        vscode.commands.registerCommand(c.command, (...args: unknown[]) =>
          this.executeCommand(c.command, args, next),
        ),
      );
    }
  }

  private async fallback(command: string, arg: CommandTarget): Promise<unknown> {
    const task = command.replace(/^mirage\./, '');
    const dir = this.dirOf(arg);
    if ((task === 'configure' || task === 'build' || task === 'clean') && dir) {
      const folder =
        vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dir)) ??
        vscode.workspace.workspaceFolders?.[0];
      if (folder) {
        const rel = path.relative(folder.uri.fsPath, dir) || undefined;
        const t = taskFor(
          { type: TASK_TYPE, task, target: arg.target, dir: rel },
          folder,
          this.taskProblems,
        );
        if (t) return vscode.tasks.executeTask(t);
      }
    }
    void vscode.window.showWarningMessage(
      `MirageOS: this version of the language server does not offer "${TITLES.get(command) ?? command}".`,
    );
    return undefined;
  }

  private dirOf(arg: CommandTarget | undefined): string | undefined {
    if (arg?.dir) return arg.dir;
    if (arg?.uri) return unikernelDirOf(vscode.Uri.parse(arg.uri));
    return undefined;
  }

  private commandTarget(dir: string, target: string): CommandTarget {
    return { uri: vscode.Uri.file(path.join(dir, 'config.ml')).toString(), dir, target };
  }

  /** Code lenses pass `{uri, target}`; the palette passes nothing: use the active unikernel. */
  private async completeArgument(arg: unknown): Promise<CommandTarget | undefined> {
    const given = (arg && typeof arg === 'object' ? arg : {}) as CommandTarget;
    const dir = this.dirOf(given) ?? activeUnikernelDir(this.dirs);
    if (!dir) return undefined;
    const target = given.target ?? (await effectiveTarget(dir)).target;
    return { ...this.commandTarget(dir, target), ...given, target };
  }

  private async executeCommand(
    command: string,
    args: unknown[],
    next: ExecuteCommandSignature,
  ): Promise<unknown> {
    if (!command.startsWith('mirage.')) return next(command, args);
    const title = TITLES.get(command) ?? command;
    if (PROCESS_COMMANDS.has(command) && !vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(
        `MirageOS: "${title}" starts processes, which restricted mode does not allow. Trust this workspace to use it.`,
      );
      return undefined;
    }
    const arg = await this.completeArgument(args[0]);
    if (!arg) {
      void vscode.window.showWarningMessage(
        `MirageOS: open a config.ml (or a file beside one) to use "${title}".`,
      );
      return undefined;
    }
    const full: [CommandTarget, ...unknown[]] = [arg, ...args.slice(1)];
    this.output.info(`${command} ${JSON.stringify(arg)}`);
    if (command === 'mirage.run' || command === 'mirage.debug') {
      return this.run(command, full, next);
    }
    try {
      const result = await next(command, full);
      if (command === 'mirage.plan' && result) this.showPlan(result as LaunchPlan);
      return result;
    } catch (e) {
      this.reportFailure(title, e);
      return undefined;
    }
  }

  private async run(
    command: string,
    args: [CommandTarget, ...unknown[]],
    next: ExecuteCommandSignature,
  ): Promise<unknown> {
    const dir = this.dirOf(args[0])!;
    const term = this.runs.show(dir, args[0].target ?? '', command === 'mirage.debug');
    try {
      const result = await next(command, args);
      // Debug answers with where to attach; show whatever the server says in the terminal.
      if (result !== undefined && result !== null && command === 'mirage.debug') {
        term.info(typeof result === 'string' ? result : JSON.stringify(result));
      }
      return result;
    } catch (e) {
      term.running = false;
      term.error(this.messageOf(e));
      this.reportFailure(TITLES.get(command) ?? command, e);
      return undefined;
    }
  }

  private async stopRun(dir: string): Promise<void> {
    const client = this.client;
    if (!client?.isRunning()) return;
    try {
      await client.sendRequest(ExecuteCommandRequest.type, {
        command: 'mirage.stop',
        arguments: [{ dir, uri: vscode.Uri.file(path.join(dir, 'config.ml')).toString() }],
      });
    } catch (e) {
      this.output.warn(`mirage.stop for ${dir}: ${this.messageOf(e)}`);
    }
  }

  private showPlan(plan: LaunchPlan): void {
    this.output.info(`launch plan: ${JSON.stringify(plan, null, 2)}`);
    this.output.show(true);
  }

  private messageOf(e: unknown): string {
    return e instanceof ResponseError || e instanceof Error ? e.message : String(e);
  }

  /** The language client has already shown the error; keep a record in the output. */
  private reportFailure(title: string, e: unknown): void {
    this.output.error(`${title}: ${this.messageOf(e)}`);
  }

  dispose(): void {
    clearTimeout(this.restartTimer);
    clearTimeout(this.lensTimer);
    for (const f of this.fallbacks) f.dispose();
  }

  async deactivate(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.stop();
  }
}

let extension: MirageExtension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extension = new MirageExtension(context);
  await extension.activate();
}

export async function deactivate(): Promise<void> {
  const ext = extension;
  extension = undefined;
  await ext?.deactivate();
}
