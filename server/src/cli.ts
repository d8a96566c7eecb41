import { relative } from 'node:path';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { analyzeConfig } from './analysis/check';
import { Version, eraOfVersion, parseVersion } from './signatures/eras';
import { Runtime } from './project/runtime';
import { detectInstalledMirage } from './project/installed';
import { defaultTarget, readUnikernel } from './project/unikernel';
import { parseContext } from './targets/context';
import { loadRuntime, writeSnapshot } from './project/runtime';
import { TARGETS, targetByName } from './targets/targets';
import { deviceGraph, toDot } from './targets/graph';
import { BUILD_USAGE, buildCli } from './build/cli';

const USAGE = `usage:
  mirage-lsp --stdio                      start the language server on stdin/stdout
  mirage-lsp check PATH... [--target T|all] [--format text|json] [--mirage-version V]
                                          check unikernel directories or config.ml files
  mirage-lsp graph PATH [--target T] [--format dot|json] [--mirage-version V]
                                          print the device graph for a target
${BUILD_USAGE}`;

class UsageError extends Error {}

interface CheckArgs {
  path: string;
  /** More unikernels to check in the same run. */
  more: string[];
  target?: string;
  format: 'text' | 'json';
  mirageVersion?: string;
}

function parseCheckArgs(args: string[]): CheckArgs {
  let path: string | undefined;
  const more: string[] = [];
  let target: string | undefined;
  let format: 'text' | 'json' = 'text';
  let mirageVersion: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (): string => {
      const eq = a.indexOf('=');
      if (eq > 0) return a.slice(eq + 1);
      const v = args[++i];
      if (v === undefined) throw new UsageError(`option ${a} needs a value`);
      return v;
    };
    if (a === '--target' || a.startsWith('--target=') || a === '-t') target = value();
    else if (a === '--format' || a.startsWith('--format=')) {
      const f = value();
      if (f !== 'text' && f !== 'json')
        throw new UsageError(`unknown format '${f}' (text or json)`);
      format = f;
    } else if (a === '--mirage-version' || a.startsWith('--mirage-version='))
      mirageVersion = value();
    else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
    else if (path === undefined) path = a;
    else more.push(a);
  }
  if (!path) throw new UsageError('missing PATH (a unikernel directory or a config.ml)');
  if (target !== undefined && target !== 'all' && !TARGETS.some((t) => t.name === target)) {
    throw new UsageError(
      `unknown target '${target}' (one of ${TARGETS.map((t) => t.name).join(', ')}, or all)`,
    );
  }
  if (mirageVersion !== undefined && !parseVersion(mirageVersion)) {
    throw new UsageError(`bad --mirage-version '${mirageVersion}' (expected e.g. 4.11.1)`);
  }
  return { path, more, target, format, mirageVersion };
}

const severityName: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

function textLine(file: string, d: Diagnostic): string {
  const { start, end } = d.range;
  const span =
    start.line === end.line
      ? `${start.line + 1}:${start.character}-${end.character}`
      : `${start.line + 1}:${start.character}-${end.line + 1}:${end.character}`;
  return `${file}:${span}: ${severityName[d.severity ?? 1]}[${d.code}]: ${d.message}`;
}

async function check(args: string[]): Promise<number> {
  const opts = parseCheckArgs(args);
  const runtime = await loadRuntime();
  const installed = opts.mirageVersion ? null : await detectInstalledMirage();
  if (installed?.mli) await runtime.useInstalled(eraOfVersion(installed.version).id, installed.mli);
  const results = [opts.path, ...opts.more].map((path) =>
    checkOne(path, opts, runtime, installed?.version),
  );
  if (opts.format === 'json') {
    process.stdout.write(JSON.stringify({ files: results.map((r) => r.json) }, null, 2) + '\n');
  } else {
    for (const r of results) process.stdout.write(r.text);
  }
  return results.some((r) => r.failed) ? 1 : 0;
}

function checkOne(path: string, opts: CheckArgs, runtime: Runtime, installed: Version | undefined) {
  let files;
  try {
    files = readUnikernel(path);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const tree = runtime.parsers.parseSyntax(files.configText);
  const context = files.contextText === null ? null : parseContext(files.contextText);
  const target = opts.target ?? context?.target ?? defaultTarget();
  const analysis = analyzeConfig(files.configText, tree, runtime.catalog, {
    installed: opts.mirageVersion ? (parseVersion(opts.mirageVersion) ?? undefined) : installed,
    siblingModules: files.siblingModules,
    targets: {
      names: target === 'all' ? 'all' : [target],
      flags: context?.flags,
      contextProblem: context?.problem,
    },
  });
  const shown = relative(process.cwd(), files.configPath) || files.configPath;
  const diagnostics = analysis.diagnostics;
  const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).length;
  const warnings = diagnostics.length - errors;
  const text =
    diagnostics.map((d) => textLine(shown, d) + '\n').join('') +
    `${shown}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} other diagnostic${warnings === 1 ? '' : 's'} ` +
    `(mirage ${analysis.era.release} API${analysis.targets.length ? `; target${analysis.targets.length === 1 ? '' : 's'} ${analysis.targets.join(', ')}` : ''})\n`;
  const json = {
    file: shown,
    diagnostics: diagnostics.map((d) => ({
      range: d.range,
      severity: severityName[d.severity ?? 1],
      code: d.code,
      source: d.source,
      message: d.message,
      targets: (d.data as { targets?: string[] | null } | undefined)?.targets ?? null,
    })),
  };
  return { text, json, failed: errors > 0 };
}

async function graph(args: string[]): Promise<number> {
  const wantsDot = !args.some(
    (a, i) => (a === '--format' && args[i + 1] === 'json') || a === '--format=json',
  );
  const rest = args.filter(
    (a, i) => !(a === '--format' || a.startsWith('--format=') || args[i - 1] === '--format'),
  );
  const opts = parseCheckArgs(rest);
  if (opts.target === 'all') throw new UsageError('graph needs one target');
  let files;
  try {
    files = readUnikernel(opts.path);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const runtime = await loadRuntime();
  const tree = runtime.parsers.parseSyntax(files.configText);
  const context = files.contextText === null ? null : parseContext(files.contextText);
  const target = targetByName(opts.target ?? context?.target ?? defaultTarget());
  if (!target) throw new UsageError(`unknown target`);
  const analysis = analyzeConfig(files.configText, tree, runtime.catalog, {
    installed: opts.mirageVersion ? (parseVersion(opts.mirageVersion) ?? undefined) : undefined,
    siblingModules: files.siblingModules,
  });
  const ev = analysis.evaluation;
  const g = ev
    ? deviceGraph(ev.result, ev.evaluator, target, context?.flags ?? new Map())
    : { target: target.name, nodes: [], edges: [] };
  process.stdout.write((wantsDot ? toDot(g) : JSON.stringify(g, null, 2)) + '\n');
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (argv.includes('--stdio')) {
      const { startServer } = await import('./server.js');
      startServer();
      return new Promise<number>(() => undefined);
    }
    if (command === 'check') return await check(rest);
    if (command === 'graph') return await graph(rest);
    if (command === '__snapshot') {
      // Build step: save the parsed signature files next to the bundle.
      const n = await writeSnapshot(rest[0] ?? __dirname);
      process.stdout.write(`signature snapshot: ${n} files\n`);
      return 0;
    }
    if (command === 'plan' || command === 'run') return await buildCli(command, rest);
    if (command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`mirage-lsp: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`mirage-lsp: internal error: ${(e as Error).stack ?? e}\n`);
    return 3;
  }
}

/** Runs the command line of this process and sets its exit code. */
export function run(argv: string[] = process.argv.slice(2)): void {
  // A closed pipe (`mirage-lsp check . | head`) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  void main(argv).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) run();
