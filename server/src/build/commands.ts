/**
 * The build and run commands of the language server (`workspace/executeCommand`):
 * mirage.configure, mirage.build, mirage.run, mirage.debug, mirage.stop, mirage.clean,
 * mirage.plan. Each takes `{ uri | dir, target? }` (or the URI/path and target as plain
 * arguments). Progress goes out as `$/progress`, tool output as `window/logMessage`, build
 * errors as diagnostics, a run's console as `mirage/console` and its end as `mirage/runExited`.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  CancellationToken,
  Connection,
  ErrorCodes,
  ExecuteCommandParams,
  InitializeParams,
  ResponseError,
  WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import { loadRuntime } from '../project/runtime';
import { OcamlParsers } from '../syntax/parser';
import { BuildDiagnostics } from './diagnostics';
import { exitMeaning } from './exits';
import { LaunchPlan, PlanError } from './plans';
import { BuildProject, projectPlan, readProject } from './project';
import { BusyError, RunningProcess, Supervisor, freePort } from './runner';
import { BuildSettings, buildSettings } from './settings';
import { StepName, StepOutcome, buildPipeline, runStep } from './steps';

export const BUILD_COMMANDS = [
  'mirage.configure',
  'mirage.build',
  'mirage.run',
  'mirage.debug',
  'mirage.stop',
  'mirage.clean',
  'mirage.plan',
] as const;

export const UNTRUSTED_MESSAGE =
  'This workspace is not trusted: mirage-lsp starts no process here (no mirage configure, ' +
  'make, QEMU or tender). Trust the workspace to configure, build and run unikernels.';

export interface CommandArgs {
  readonly uri?: string;
  readonly dir?: string;
  readonly target?: string;
  /** mirage.run / mirage.debug: build first (default true). */
  readonly build?: boolean;
  /** mirage.run: stop a run already going in that directory instead of asking. */
  readonly restart?: boolean;
}

/** `{uri|dir,target}` or `[uri, target]`, as different clients send them. */
function commandArgs(params: ExecuteCommandParams): CommandArgs {
  const [a, b] = params.arguments ?? [];
  if (typeof a === 'string') return { uri: a, target: typeof b === 'string' ? b : undefined };
  return (a ?? {}) as CommandArgs;
}

const fail = (message: string) => new ResponseError(ErrorCodes.InvalidRequest, message);

const STAGES: Record<StepName, string> = {
  configure: 'mirage configure',
  depend: 'make depend',
  build: 'make build',
  clean: 'mirage clean',
};

class BuildCommands {
  private readonly builds = new Supervisor();
  private readonly runs = new Supervisor();
  private readonly diagnostics: BuildDiagnostics;
  private readonly trusted: boolean;
  private readonly initSettings: unknown;
  private readonly canPull: boolean;
  private readonly canCreateProgress: boolean;
  private parsers: OcamlParsers | null = null;

  constructor(
    private readonly connection: Connection,
    params: InitializeParams,
  ) {
    const init = params.initializationOptions as
      { trusted?: unknown; settings?: unknown } | undefined;
    this.trusted = init?.trusted !== false;
    this.initSettings = init?.settings;
    this.canPull = !!params.capabilities.workspace?.configuration;
    this.canCreateProgress = !!params.capabilities.window?.workDoneProgress;
    this.diagnostics = new BuildDiagnostics(connection);
  }

  async execute(
    params: ExecuteCommandParams,
    token: CancellationToken,
    attached: WorkDoneProgressReporter,
  ): Promise<unknown> {
    if (!(BUILD_COMMANDS as readonly string[]).includes(params.command)) {
      throw fail(`unknown command ${params.command}`);
    }
    if (!this.trusted) throw fail(UNTRUSTED_MESSAGE);
    const args = commandArgs(params);
    const where = args.uri ?? args.dir;
    if (typeof where !== 'string' || where === '') {
      throw fail(`${params.command} needs { "uri": ... } or { "dir": ... }`);
    }
    if (args.target !== undefined && typeof args.target !== 'string') {
      throw fail('`target` must be a target name');
    }
    this.parsers ??= (await loadRuntime()).parsers;
    let project: BuildProject;
    const section = await this.section(where);
    const settings = buildSettings(section);
    try {
      project = readProject(where, this.parsers, args.target, settingsTarget(section));
    } catch (e) {
      throw fail((e as Error).message);
    }
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    switch (params.command) {
      case 'mirage.plan':
        return this.plan(project, settings);
      case 'mirage.stop':
        return this.stop(project.dir);
      case 'mirage.clean':
        return this.clean(project, settings, abort.signal);
      case 'mirage.configure':
      case 'mirage.build': {
        const progress = await this.progress(attached, `MirageOS: ${params.command.slice(7)}`);
        try {
          return await this.build(project, settings, abort.signal, progress, {
            configureOnly: params.command === 'mirage.configure',
          });
        } finally {
          progress.done();
        }
      }
      default:
        return this.run(
          project,
          settings,
          args,
          params.command === 'mirage.debug',
          abort,
          attached,
        );
    }
  }

  /** The `mirage` section: pulled per directory when the client can, else from initialization. */
  private async section(where: string): Promise<unknown> {
    let section: unknown = this.initSettings;
    if (this.canPull) {
      try {
        const scopeUri = /^file:/.test(where) ? where : undefined;
        const pulled: unknown = await this.connection.workspace.getConfiguration({
          scopeUri,
          section: 'mirage',
        });
        if (pulled && typeof pulled === 'object') section = pulled;
      } catch {
        // Keep the initialization settings.
      }
    }
    return section;
  }

  private async progress(
    attached: WorkDoneProgressReporter,
    title: string,
  ): Promise<WorkDoneProgressReporter> {
    let reporter = attached;
    if (WorkDoneProgressReporter.isNullInstance(attached) && this.canCreateProgress) {
      reporter = await this.connection.window.createWorkDoneProgress();
    }
    reporter.begin(title, 0, undefined, true);
    return reporter;
  }

  private plan(project: BuildProject, settings: BuildSettings): LaunchPlan {
    try {
      return projectPlan(project, settings);
    } catch (e) {
      if (e instanceof PlanError) throw fail(e.message);
      throw e;
    }
  }

  private async stop(dir: string) {
    const [run, build] = await Promise.all([this.runs.stop(dir), this.builds.stop(dir)]);
    return { dir, stoppedRun: run !== undefined, stoppedBuild: build !== undefined };
  }

  private busy(dir: string): void {
    if (this.builds.get(dir)) throw fail(`a build is already running in ${dir}`);
  }

  /** Tool output as log lines, whole lines only. */
  private logger(step: string) {
    let pending = '';
    return {
      write: (text: string) => {
        pending += text;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        if (lines.length > 0)
          this.connection.console.log(lines.map((l) => `[${step}] ${l}`).join('\n'));
      },
      flush: () => {
        if (pending) this.connection.console.log(`[${step}] ${pending}`);
        pending = '';
      },
    };
  }

  private async build(
    project: BuildProject,
    settings: BuildSettings,
    signal: AbortSignal,
    progress: WorkDoneProgressReporter,
    opts: { configureOnly?: boolean } = {},
  ) {
    this.busy(project.dir);
    // One report per stage, at the share of the pipeline done before it.
    const share = (step: StepName) =>
      opts.configureOnly
        ? 0
        : Math.round((['configure', 'depend', 'build'].indexOf(step) / 3) * 100);
    let log = this.logger('mirage');
    const outcomes = await buildPipeline(project, {
      parsers: this.parsers,
      settings,
      supervisor: this.builds,
      signal,
      forceConfigure: opts.configureOnly,
      configureOnly: opts.configureOnly,
      events: {
        onStep: (step, argv, why) => {
          progress.report(share(step), `${STAGES[step]} (${why})`);
          this.connection.console.info(`$ ${argv.join(' ')}    # ${why}`);
          log = this.logger(STAGES[step]);
        },
        onOutput: (_step, text) => log.write(text),
        onStepDone: (o) => {
          log.flush();
          this.diagnostics.set(project.dir, o.diagnostics);
          this.connection.console.info(
            `${STAGES[o.step]}: ${o.stopped ? 'stopped' : o.ok ? 'done' : `failed (exit ${o.code})`}`,
          );
        },
      },
    });
    progress.report(100, outcomes.every((o) => o.ok) ? 'done' : 'failed');
    return summary(project.dir, outcomes);
  }

  private async clean(project: BuildProject, settings: BuildSettings, signal: AbortSignal) {
    this.busy(project.dir);
    if (this.runs.get(project.dir))
      throw fail(`stop the running unikernel in ${project.dir} first`);
    const log = this.logger('mirage clean');
    const o = await runStep(
      'clean',
      [settings.paths.mirage, 'clean'],
      'requested',
      project,
      this.builds,
      { onOutput: (_s, t) => log.write(t) },
      signal,
    );
    log.flush();
    this.diagnostics.set(project.dir, o.ok ? new Map() : o.diagnostics);
    return summary(project.dir, [o]);
  }

  private async run(
    project: BuildProject,
    settings: BuildSettings,
    args: CommandArgs,
    debug: boolean,
    abort: AbortController,
    attached: WorkDoneProgressReporter,
  ) {
    const dir = project.dir;
    const existing = this.runs.get(dir);
    if (existing) await this.replace(dir, existing, !!args.restart);
    if (args.build !== false) {
      const progress = await this.progress(attached, `MirageOS: ${debug ? 'debug' : 'run'}`);
      try {
        const built = await this.build(project, settings, abort.signal, progress);
        if (!built.ok) throw fail(`the build failed, nothing was started: ${built.failure}`);
        project = readProject(dir, this.parsers, project.target);
      } finally {
        progress.done();
      }
    }
    let plan: LaunchPlan;
    try {
      plan = projectPlan(project, settings, debug ? await freePort() : undefined);
    } catch (e) {
      if (e instanceof PlanError) throw fail(e.message);
      throw e;
    }
    if (!existsSync(join(dir, plan.artifact))) {
      throw fail(`${plan.artifact} does not exist in ${dir}: build the unikernel first`);
    }
    for (const f of plan.files) {
      mkdirSync(dirname(f.path), { recursive: true });
      writeFileSync(f.path, f.content);
    }
    let proc: RunningProcess;
    try {
      proc = this.runs.start(dir, plan, {
        onOutput: (text) => void this.connection.sendNotification('mirage/console', { dir, text }),
      });
    } catch (e) {
      if (e instanceof BusyError) throw fail(e.message);
      throw e;
    }
    this.connection.console.info(`$ ${plan.argv.join(' ')}`);
    void proc.done.then((r) => {
      const m = exitMeaning(plan.exit, r.code, r.signal, r.stderrTail);
      const meaning = r.error
        ? `could not start ${plan.argv[0]}: ${r.error}`
        : r.stopped
          ? `stopped on request (${m.meaning})`
          : r.timedOut
            ? `timed out (${m.meaning})`
            : m.meaning;
      this.connection.console.info(`unikernel in ${dir}: ${meaning}`);
      void this.connection.sendNotification('mirage/runExited', {
        dir,
        code: r.code,
        signal: r.signal,
        meaning,
        success: m.success && !r.stopped && !r.error,
        stopped: r.stopped,
      });
    });
    return {
      dir,
      pid: proc.pid,
      argv: plan.argv,
      cwd: plan.cwd,
      notes: plan.notes,
      ...(plan.gdb ? { gdb: plan.gdb } : {}),
    };
  }

  /** A second run in the same directory: stop the first if the user (or `restart`) says so. */
  private async replace(dir: string, existing: RunningProcess, restart: boolean): Promise<void> {
    let stop = restart;
    if (!stop) {
      const choice = await this.connection.window
        .showWarningMessage(
          `A unikernel is already running in ${dir} (pid ${existing.pid}). Stop it and run again?`,
          { title: 'Stop and run again' },
          { title: 'Cancel' },
        )
        .catch(() => undefined);
      stop = choice?.title === 'Stop and run again';
    }
    if (!stop) {
      throw fail(
        `a unikernel is already running in ${dir} (pid ${existing.pid}): stop it first ` +
          '(mirage.stop), or run with { "restart": true }',
      );
    }
    await this.runs.stop(dir);
  }
}

function settingsTarget(init: unknown): string | undefined {
  const t = (init as { target?: unknown } | undefined)?.target;
  return typeof t === 'string' ? t : undefined;
}

function summary(dir: string, outcomes: StepOutcome[]) {
  const failed = outcomes.find((o) => !o.ok);
  return {
    dir,
    ok: !failed,
    failure: failed
      ? failed.stopped
        ? `${STAGES[failed.step]} was stopped`
        : `${STAGES[failed.step]} failed (exit ${failed.code})${firstError(failed)}`
      : undefined,
    steps: outcomes.map((o) => ({
      step: o.step,
      ran: o.ran,
      why: o.why,
      ok: o.ok,
      code: o.code,
      stopped: o.stopped,
      argv: o.argv,
      errors: o.messages.filter((m) => m.severity === 'error').length,
      warnings: o.messages.filter((m) => m.severity === 'warning').length,
    })),
  };
}

function firstError(o: StepOutcome): string {
  const e = o.messages.find((m) => m.severity === 'error');
  return e ? `: ${e.message}` : '';
}

/**
 * Registers the command handlers on a connection and returns the command ids for
 * `executeCommandProvider`. The connection has one executeCommand handler: commands of other
 * features should be dispatched from here.
 */
export function registerBuildCommands(connection: Connection, params: InitializeParams): string[] {
  const commands = new BuildCommands(connection, params);
  connection.onExecuteCommand((p, token, progress) => commands.execute(p, token, progress));
  return [...BUILD_COMMANDS];
}
