import { Evaluation, Evaluator, sameValue } from './evaluate';
import { Flags, confValue } from './analysis';
import { Target } from './targets';
import { Value } from './values';

/** The registered configuration as a graph: devices and which device uses which. */
export interface DeviceGraph {
  readonly target: string;
  readonly nodes: { id: string; label: string; kind: 'job' | 'device' | 'functor' | 'choice' }[];
  readonly edges: { from: string; to: string; label?: string }[];
}

export function deviceGraph(
  evaluation: Evaluation,
  evaluator: Evaluator,
  target: Target,
  flags: Flags,
): DeviceGraph {
  const nodes: DeviceGraph['nodes'] = [];
  const edges: DeviceGraph['edges'] = [];
  const ids = new Map<Value, string>();
  const confBool = (v: Value): boolean | null => {
    const c = confValue(v, target, flags, evaluator);
    return c.k === 'bool' ? c.v : null;
  };
  const confTag = (v: Value): Value | null => {
    const c = confValue(v, target, flags, evaluator);
    return c.k === 'unknown' ? null : c;
  };
  const visit = (v: Value, functorArgs = 0): string | null => {
    const known = ids.get(v);
    if (known) return known;
    switch (v.k) {
      case 'list':
      case 'tuple':
        v.items.forEach((x) => visit(x));
        return null;
      case 'device': {
        const id = `n${nodes.length}`;
        ids.set(v, id);
        const name =
          v.args[0]?.k === 'str' && (v.ctor === 'main' || v.ctor === 'impl' || v.ctor === 'foreign')
            ? v.args[0].v
            : v.ctor;
        nodes.push({
          id,
          label: name,
          kind:
            v.ctor === 'main' || v.ctor === 'foreign'
              ? 'job'
              : functorArgs > 0
                ? 'functor'
                : 'device',
        });
        for (const a of [...v.args, ...v.labels.values()]) {
          const child = visit(a);
          if (child) edges.push({ from: id, to: child });
        }
        return id;
      }
      case 'apply': {
        const fn = visit(v.fn, functorArgs + 1);
        const arg = visit(v.arg);
        if (fn && arg) edges.push({ from: fn, to: arg });
        if (fn) ids.set(v, fn);
        return fn;
      }
      case 'if': {
        const c = confBool(v.cond);
        if (c !== null) return visit(c ? v.then : v.else, functorArgs);
        const id = `n${nodes.length}`;
        ids.set(v, id);
        nodes.push({ id, label: 'if_impl', kind: 'choice' });
        const a = visit(v.then, functorArgs);
        const b = visit(v.else, functorArgs);
        if (a) edges.push({ from: id, to: a, label: 'then' });
        if (b) edges.push({ from: id, to: b, label: 'else' });
        return id;
      }
      case 'match': {
        const tag = confTag(v.scrutinee);
        if (tag) {
          const hit = v.cases.find((c) => sameValue(c.tag, tag) === true);
          return visit(hit ? hit.device : v.default, functorArgs);
        }
        const id = `n${nodes.length}`;
        ids.set(v, id);
        nodes.push({ id, label: 'match_impl', kind: 'choice' });
        for (const c of v.cases) {
          const d = visit(c.device, functorArgs);
          if (d)
            edges.push({
              from: id,
              to: d,
              label: c.tag.k === 'tag' ? `\`${c.tag.tag}` : undefined,
            });
        }
        const d = visit(v.default, functorArgs);
        if (d) edges.push({ from: id, to: d, label: 'default' });
        return id;
      }
      default:
        return null;
    }
  };
  for (const r of evaluation.registrations) visit(r.jobs);
  return { target: target.name, nodes, edges };
}

export function toDot(graph: DeviceGraph): string {
  const esc = (s: string) => s.replace(/"/g, '\\"');
  const shape = { job: 'box', device: 'ellipse', functor: 'component', choice: 'diamond' } as const;
  const lines = [`digraph "${esc(graph.target)}" {`, '  rankdir=LR;'];
  for (const n of graph.nodes)
    lines.push(`  ${n.id} [label="${esc(n.label)}", shape=${shape[n.kind]}];`);
  for (const e of graph.edges)
    lines.push(`  ${e.from} -> ${e.to}${e.label ? ` [label="${esc(e.label)}"]` : ''};`);
  lines.push('}');
  return lines.join('\n');
}
