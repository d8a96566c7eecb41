import type { SyntaxNode as Node, SyntaxTree as Tree } from '../syntax/tree';
import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import { Evaluation } from '../targets/evaluate';
import { Value } from '../targets/values';
import { Codes } from './codes';
import { LineIndex } from '../syntax/lines';

/**
 * The cross-file check: the module `main` names must exist in the unikernel's sources, take
 * one functor parameter per `@->` device, and its `start` must take the arguments mirage's
 * generated main.ml passes (devices, then deps, then runtime arguments; 4.9+ passes `()`
 * to a non-functor without deps).
 */

export interface ModuleLocation {
  readonly uri: string;
  readonly range: Range;
}

/** One unikernel source file, parsed. */
export interface SourceFile {
  readonly uri: string;
  /** Module name of the file (`Unikernel` for unikernel.ml). */
  readonly module: string;
  readonly text: string;
  readonly tree: Tree;
}

interface StartInfo {
  readonly params: number;
  readonly node: Node;
}

interface ModuleInfo {
  readonly node: Node;
  readonly params: number;
  readonly start: StartInfo | null;
}

function kids(n: Node): Node[] {
  return n.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
}

function startOf(items: Node[]): StartInfo | null {
  let found: StartInfo | null = null;
  for (const item of items) {
    if (item.type !== 'value_definition') continue;
    for (const b of kids(item).filter((c) => c.type === 'let_binding')) {
      const pat = b.childForFieldName('pattern');
      if (pat?.text !== 'start') continue;
      let params = kids(b).filter((c) => c.type === 'parameter');
      const body = b.childForFieldName('body');
      if (params.length === 0 && body?.type === 'fun_expression')
        params = kids(body).filter((c) => c.type === 'parameter');
      const positional = params.filter((p) => p.child(0)?.type !== '~' && p.child(0)?.type !== '?');
      found = { params: positional.length, node: pat };
    }
  }
  return found;
}

/** The modules of a source file (one level deep) and its top-level `start`. */
export function modulesOf(tree: Tree): {
  modules: Map<string, ModuleInfo>;
  start: StartInfo | null;
} {
  const modules = new Map<string, ModuleInfo>();
  const items = kids(tree.rootNode);
  for (const item of items) {
    if (item.type !== 'module_definition') continue;
    const binding = kids(item).find((c) => c.type === 'module_binding');
    const name = binding ? kids(binding).find((c) => c.type === 'module_name') : undefined;
    if (!binding || !name) continue;
    const params = kids(binding).filter((c) => c.type === 'module_parameter').length;
    const body = binding.childForFieldName('body');
    const struct = body?.type === 'structure' ? body : body?.descendantsOfType('structure')[0];
    modules.set(name.text, { node: name, params, start: struct ? startOf(kids(struct)) : null });
  }
  return { modules, start: startOf(items) };
}

interface MainUse {
  readonly name: string;
  readonly node: Node;
  readonly devices: number;
  readonly deps: number;
  readonly runtimeArgs: number;
  readonly ctor: string;
}

function listLength(v: Value | undefined): number {
  return v && v.k === 'list' ? v.items.length : 0;
}

function mainUses(evaluation: Evaluation, era: string): MainUse[] {
  const out: MainUse[] = [];
  const seen = new Set<Value>();
  const visit = (v: Value): void => {
    if (seen.has(v)) return;
    seen.add(v);
    if (v.k === 'list' || v.k === 'tuple') v.items.forEach(visit);
    else if (v.k === 'apply') {
      visit(v.fn);
      visit(v.arg);
    } else if (v.k === 'if') {
      visit(v.then);
      visit(v.else);
    } else if (v.k === 'match') {
      v.cases.forEach((c) => visit(c.device));
      visit(v.default);
    } else if (v.k === 'device') {
      if (
        (v.ctor === 'main' || v.ctor === 'foreign') &&
        v.args[0]?.k === 'str' &&
        v.typArity !== undefined
      ) {
        const deps =
          era === '4.4' && v.ctor === 'main' ? v.labels.get('extra_deps') : v.labels.get('deps');
        out.push({
          name: v.args[0].v,
          node: v.node,
          devices: v.typArity,
          deps: listLength(deps),
          runtimeArgs: era === '4.4' ? 0 : listLength(v.labels.get('runtime_args')),
          ctor: v.ctor,
        });
      }
      v.args.forEach(visit);
      v.labels.forEach(visit);
    }
  };
  for (const r of evaluation.registrations) visit(r.jobs);
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export interface CrossFileResult {
  readonly config: Diagnostic[];
  /** Diagnostics for the unikernel's files, by URI. */
  readonly sources: Map<string, Diagnostic[]>;
}

export function checkUnikernel(
  evaluation: Evaluation,
  era: string,
  configLines: LineIndex,
  configUri: string,
  sources: readonly SourceFile[],
): CrossFileResult {
  const config: Diagnostic[] = [];
  const bySource = new Map<string, Diagnostic[]>(sources.map((s) => [s.uri, []]));
  const eraMinor = Number(era.split('.')[1]);
  for (const use of mainUses(evaluation, era)) {
    const [fileModule, sub] = use.name.split('.');
    const source = sources.find((s) => s.module === fileModule);
    if (!source) continue;
    const lines = new LineIndex(source.text);
    const { modules, start: topStart } = modulesOf(source.tree);
    const configRange = configLines.range(use.node.startIndex, use.node.endIndex);
    const mod = sub ? modules.get(sub) : null;
    if (sub && !mod) {
      const names = [...modules.keys()];
      const file = source.uri.split('/').pop();
      const message = `\`${use.name}\`: ${file} has no module \`${sub}\`${names.length ? ` (it defines ${names.map((n) => `\`${n}\``).join(', ')})` : ''}.`;
      const first = names.length ? modules.get(names[0])!.node : null;
      const sourceRange = first ? lines.range(first.startIndex, first.endIndex) : lines.range(0, 0);
      const cd = diag(configRange, Codes.unikernelMismatch, message, DiagnosticSeverity.Warning);
      cd.relatedInformation = [
        { location: { uri: source.uri, range: sourceRange }, message: 'the unikernel side' },
      ];
      config.push(cd);
      const sd = diag(sourceRange, Codes.unikernelMismatch, message, DiagnosticSeverity.Error);
      sd.relatedInformation = [
        { location: { uri: configUri, range: configRange }, message: `declared here: ${use.name}` },
      ];
      bySource.get(source.uri)!.push(sd);
      continue;
    }
    const functorParams = mod ? mod.params : 0;
    const start = mod ? mod.start : topStart;
    const unit = eraMinor >= 9 && use.devices === 0 && use.deps === 0 ? 1 : 0;
    const expectedStart = use.devices + use.deps + unit + use.runtimeArgs;
    const breakdown = [
      plural(use.devices, 'device'),
      use.deps ? plural(use.deps, 'dep') : '',
      unit ? '`()`' : '',
      use.runtimeArgs ? plural(use.runtimeArgs, 'runtime argument') : '',
    ]
      .filter((s) => s)
      .join(' + ');
    const problems: { message: string; at: Node }[] = [];
    if (functorParams !== use.devices) {
      problems.push({
        message: `\`${use.name}\` takes ${plural(functorParams, 'functor parameter')}, but config.ml declares ${plural(use.devices, 'device')} with \`@->\`.`,
        at: mod ? mod.node : source.tree.rootNode,
      });
    }
    if (!start) {
      problems.push({
        message: `\`${use.name}\` has no \`start\` function.`,
        at: mod ? mod.node : source.tree.rootNode,
      });
    } else if (start.params !== expectedStart) {
      problems.push({
        message: `\`start\` takes ${plural(start.params, 'argument')}, but mirage ${era} calls it with ${expectedStart} (${breakdown}).`,
        at: start.node,
      });
    }
    for (const p of problems) {
      const sourceRange = lines.range(
        p.at.startIndex,
        p.at === source.tree.rootNode ? 0 : p.at.endIndex,
      );
      const sd = diag(sourceRange, Codes.unikernelMismatch, p.message, DiagnosticSeverity.Error);
      sd.relatedInformation = [
        { location: { uri: configUri, range: configRange }, message: `declared here: ${use.name}` },
      ];
      bySource.get(source.uri)!.push(sd);
      // configure accepts it (the build fails later), so config.ml only gets a warning.
      const cd = diag(configRange, Codes.unikernelMismatch, p.message, DiagnosticSeverity.Warning);
      cd.relatedInformation = [
        { location: { uri: source.uri, range: sourceRange }, message: 'the unikernel side' },
      ];
      config.push(cd);
    }
  }
  return { config, sources: bySource };
}

function diag(
  range: Range,
  code: string,
  message: string,
  severity: DiagnosticSeverity,
): Diagnostic {
  return { range, code, message, severity, source: 'mirage' };
}

/** Where a `main "A.B"` module is defined, for go-to-definition. */
export function findModule(name: string, sources: readonly SourceFile[]): ModuleLocation | null {
  const [fileModule, sub] = name.split('.');
  const source = sources.find((s) => s.module === fileModule);
  if (!source) return null;
  const lines = new LineIndex(source.text);
  if (!sub) return { uri: source.uri, range: lines.range(0, 0) };
  const m = modulesOf(source.tree).modules.get(sub);
  return m ? { uri: source.uri, range: lines.range(m.node.startIndex, m.node.endIndex) } : null;
}
