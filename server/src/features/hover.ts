import { Hover, MarkupKind, Position } from 'vscode-languageserver-types';
import { SignatureCatalog } from '../signatures/catalog';
import { analyzeTargets } from '../targets/analysis';
import { Evaluator } from '../targets/evaluate';
import { TARGETS } from '../targets/targets';
import { TypePrinter } from '../typing/print';
import { factsMarkdown, valueFacts } from './describe';
import { DocumentView, itemsAt, offsetOf, referenceAt, registerCallsIn } from './view';

export interface HoverEnv {
  readonly catalog: SignatureCatalog;
  /** Configure flags of the project (mirage/context), for the target matrix. */
  readonly flags?: ReadonlyMap<string, string | true>;
}

/** The inferred type of the name under the cursor, its doc and target facts. */
export function hover(view: DocumentView, position: Position, env: HoverEnv): Hover | null {
  const offset = offsetOf(view, position);
  // Only the item under the cursor can hold the `register` hovered.
  const register = itemsAt(view, offset)
    .flatMap(registerCallsIn)
    .find((r) => {
      const fn = r.childForFieldName('function');
      return fn && fn.startIndex <= offset && offset <= fn.endIndex;
    });
  if (register) return { contents: { kind: MarkupKind.Markdown, value: targetMatrix(view, env) } };

  const ref = referenceAt(view, offset);
  if (!ref) return null;
  const printer = new TypePrinter(view.analysis.env.table);
  const info = ref.binding.info;
  const lines: string[] = [];
  if (info) {
    const qualified =
      info.module && info.module !== 'Mirage' && info.module !== 'Stdlib'
        ? `${info.module.replace(/^Mirage\./, '')}.`
        : '';
    lines.push('```ocaml', `val ${qualified}${info.name} : ${printer.print(info.type)}`, '```');
    const instance = printer.print(ref.type);
    if (instance !== printer.print(info.type)) lines.push(`Here: \`${instance}\``);
    lines.push(...factsMarkdown(valueFacts(info, env.catalog, view.analysis.era)));
  } else {
    lines.push('```ocaml', `${ref.binding.name} : ${printer.print(ref.type)}`, '```');
    const device = describeDevice(printer.print(ref.type));
    if (device) lines.push(device);
    if (ref.binding.functor) lines.push(`The unikernel functor \`${ref.binding.functor}\`.`);
  }
  return {
    contents: { kind: MarkupKind.Markdown, value: lines.join('\n') },
    range: view.analysis.lines.range(ref.start, ref.end),
  };
}

function describeDevice(printed: string): string | null {
  const m = /^(.+) impl$/.exec(printed);
  if (!m) return null;
  if (m[1].includes('->'))
    return `A functor device still waiting for: ${m[1]
      .split('->')
      .slice(0, -1)
      .map((s) => `\`${s.trim().replace(/^\(/, '')}\``)
      .join(', ')}.`;
  return `A \`${m[1]}\` device.`;
}

/** ✓/✗ per target for the registered configuration, with the reason on ✗. */
export function targetMatrix(view: DocumentView, env: HoverEnv): string {
  const eraMinor = Number(view.analysis.era.id.split('.')[1]);
  const targets = TARGETS.filter((t) => Number(t.since.split('.')[1]) <= eraMinor);
  // The analysis already evaluated the device graph: reuse it rather than running it again.
  const ev = view.analysis.evaluation;
  const evaluator = ev?.evaluator ?? new Evaluator(view.analysis.env);
  const evaluation = ev?.result ?? evaluator.run(view.tree.rootNode);
  const findings = analyzeTargets(
    evaluation,
    evaluator,
    targets,
    env.flags ?? new Map(),
    view.analysis.era.id,
  );
  const rows = ['| target | | |', '| --- | --- | --- |'];
  for (const t of targets) {
    const mine = findings.filter((f) => f.targets === null || f.targets.includes(t.name));
    const errs = mine.filter((f) => f.severity === 'error');
    const warns = mine.filter((f) => f.severity === 'warning');
    const mark = errs.length ? '✗' : warns.length ? '⚠' : '✓';
    const why = [...errs, ...warns].map((f) => f.message.replace(/\|/g, '\\|')).join('; ');
    rows.push(`| \`${t.name}\` | ${mark} | ${why} |`);
  }
  return [`**Targets** (mirage ${view.analysis.era.release})`, '', ...rows].join('\n');
}
