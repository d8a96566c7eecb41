import type { SyntaxTree as Tree } from '../syntax/tree';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { LineIndex } from '../syntax/lines';
import { SignatureCatalog } from '../signatures/catalog';
import { Era, NEWEST, Version, eraById, eraOfVersion, newestEraWithin } from '../signatures/eras';
import { syntaxProblems } from '../syntax/errors';
import { Environment } from '../typing/env';
import { InferResult, InferenceMemo, Inferencer, TypeDiagnostic } from '../typing/infer';
import { Flags, analyzeTargets } from '../targets/analysis';
import { Evaluation, EvaluationMemo, Evaluator } from '../targets/evaluate';
import { SourceFile, checkUnikernel } from './unikernel';
import { TARGETS } from '../targets/targets';
import { Codes } from './codes';
import { VersionLine, readVersionLine, versionMismatch } from './version';

export interface AnalysisOptions {
  /** The installed mirage release, when known: bounds are checked against it. */
  readonly installed?: Version;
  /** Forces an era (`4.4`, `4.8`, ... or a release like `4.8.2`). */
  readonly era?: string;
  /** Module names of the unikernel's own files (`Unikernel`), invisible to config.ml. */
  readonly siblingModules?: readonly string[];
  /** Which targets to evaluate the device graph for; none by default. */
  readonly targets?: TargetOptions;
  /** What the previous analysis of the same document can lend (editing sessions). */
  readonly memo?: AnalysisMemo;
  /** The unikernel's sources, for the cross-file check (and its URI for config.ml). */
  readonly sources?: { readonly configUri: string; readonly files: readonly SourceFile[] };
}

/** Kept between analyses of one document, so unchanged items are not analysed again. */
export class AnalysisMemo {
  readonly inference = new InferenceMemo();
  readonly evaluation = new EvaluationMemo();
  /** The era the memo was filled for: another era starts from scratch. */
  era = '';
}

export interface TargetOptions {
  /** Target names, or 'all' for every target of the era. */
  readonly names: readonly string[] | 'all';
  /** Configure flags, as saved in mirage/context. */
  readonly flags?: Flags;
  /** A problem with mirage/context, reported on line 1. */
  readonly contextProblem?: string | null;
}

export interface ConfigAnalysis {
  readonly era: Era;
  readonly env: Environment;
  readonly versionLine: VersionLine;
  readonly diagnostics: Diagnostic[];
  readonly typing: InferResult | null;
  readonly lines: LineIndex;
  /** Targets whose device graph was evaluated. */
  readonly targets: readonly string[];
  /** The evaluated device graph (absent after a version error). */
  readonly evaluation: { readonly evaluator: Evaluator; readonly result: Evaluation } | null;
  /** Cross-file diagnostics for the unikernel's sources, by URI. */
  readonly sourceDiagnostics: Map<string, Diagnostic[]>;
}

const ALWAYS_ABSENT = ['Unikernel', 'Key_gen', 'Info_gen'];

const severity = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

function chooseEra(line: VersionLine, options: AnalysisOptions): Era {
  if (options.era) {
    const forced = eraById(options.era);
    if (forced) return forced;
  }
  if (options.installed) return eraOfVersion(options.installed);
  if (line.kind === 'bound') return newestEraWithin(line.lower, line.upper) ?? NEWEST;
  return NEWEST;
}

/** Everything we can say about one config.ml: version line, syntax, then types. */
export function analyzeConfig(
  text: string,
  tree: Tree,
  catalog: SignatureCatalog,
  options: AnalysisOptions = {},
): ConfigAnalysis {
  // The tree's index serves the next edit too (ParsedDocument.update).
  const lines = tree.text === text ? tree.lines : new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const push = (
    start: number,
    end: number,
    sev: keyof typeof severity,
    code: string,
    message: string,
    targets: string[] | null = null,
    replacement?: string,
  ) =>
    diagnostics.push({
      range: lines.range(start, end),
      severity: severity[sev],
      code,
      source: 'mirage',
      message,
      data: replacement === undefined ? { targets } : { targets, replacement },
    });

  const versionLine = readVersionLine(text);
  const era = chooseEra(versionLine, options);
  const env = catalog.environment(era);
  let versionBlocked = false;
  if (versionLine.kind === 'malformed') {
    push(0, versionLine.length, 'error', Codes.versionLine, versionLine.message);
    versionBlocked = true;
  } else if (versionLine.kind === 'bound') {
    if (options.installed) {
      const mismatch = versionMismatch(versionLine, options.installed);
      if (mismatch) {
        push(0, versionLine.length, 'error', Codes.versionMismatch, mismatch);
        versionBlocked = true;
      }
    } else if (!newestEraWithin(versionLine.lower, versionLine.upper)) {
      push(
        0,
        versionLine.length,
        'warning',
        Codes.versionUnchecked,
        `No mirage release known to mirage-lsp satisfies this bound (it knows 4.0 to ${NEWEST.release}); ` +
          `checking against mirage ${era.release}.`,
      );
    }
  }

  const syntax = syntaxProblems(tree);
  for (const p of syntax) {
    const code =
      p.kind === 'unterminated-string'
        ? Codes.unterminatedString
        : p.kind === 'unterminated-comment'
          ? Codes.unterminatedComment
          : Codes.syntax;
    push(p.start, p.end, 'error', code, p.message);
  }

  let typing: InferResult | null = null;
  // The tool checks the version line before compiling: past a version error, types are moot.
  if (!versionBlocked) {
    const memo = options.memo;
    if (memo && memo.era !== era.id) {
      memo.inference.clear();
      memo.evaluation.clear();
      memo.era = era.id;
    }
    const inferencer = new Inferencer(
      env,
      {
        absentModules: new Set([...ALWAYS_ABSENT, ...(options.siblingModules ?? [])]),
        otherEras: (q) => catalog.explainElsewhere(q, era),
        otherEraModule: (m) => catalog.explainModuleElsewhere(m, era),
      },
      memo?.inference.exprTypes,
    );
    try {
      typing = inferencer.structure(tree.rootNode, syntax.length === 0, memo?.inference);
    } catch (e) {
      // A memo left half-updated must not lend anything to the next analysis.
      memo?.inference.clear();
      throw e;
    }
    for (const d of typing.diagnostics) pushTyped(d);
  }

  const targetNames: string[] = [];
  const evaluator = versionBlocked ? null : new Evaluator(env);
  let evaluation: ConfigAnalysis['evaluation'] = null;
  try {
    if (evaluator)
      evaluation = { evaluator, result: evaluator.run(tree.rootNode, options.memo?.evaluation) };
  } catch (e) {
    options.memo?.evaluation.clear();
    throw e;
  }
  const sourceDiagnostics = new Map<string, Diagnostic[]>();
  if (evaluation && options.sources) {
    const cross = checkUnikernel(
      evaluation.result,
      era.id,
      lines,
      options.sources.configUri,
      options.sources.files,
    );
    diagnostics.push(...cross.config);
    for (const [uri, ds] of cross.sources) sourceDiagnostics.set(uri, ds);
  }
  if (options.targets && evaluation) {
    if (options.targets.contextProblem) {
      push(
        0,
        0,
        'warning',
        Codes.contextFile,
        `${options.targets.contextProblem}; using the target from the settings instead.`,
      );
    }
    const since = (t: (typeof TARGETS)[number]) =>
      Number(t.since.split('.')[1]) <= Number(era.id.split('.')[1]);
    const wanted = options.targets.names;
    const targets = TARGETS.filter(
      (t) => since(t) && (wanted === 'all' || wanted.includes(t.name)),
    );
    targetNames.push(...targets.map((t) => t.name));
    const findings = analyzeTargets(
      evaluation.result,
      evaluation.evaluator,
      targets,
      options.targets.flags ?? new Map(),
      era.id,
    );
    for (const f of findings) {
      const some = f.targets && f.targets.length < targets.length && wanted === 'all';
      const message = some ? `${f.message} (on ${f.targets!.join(', ')})` : f.message;
      push(f.node.startIndex, f.node.endIndex, f.severity, f.code, message, f.targets);
    }
  }
  return {
    era,
    env,
    versionLine,
    diagnostics,
    typing,
    lines,
    targets: targetNames,
    evaluation,
    sourceDiagnostics,
  };

  function pushTyped(d: TypeDiagnostic) {
    push(d.start, d.end, d.severity, d.code, d.message, null, d.replacement);
  }
}

export { LineIndex };
