import type { SyntaxNode as Node } from '../syntax/tree';
import {
  CodeLens,
  InlayHint,
  InlayHintKind,
  ParameterInformation,
  Position,
  Range,
  SignatureHelp,
  SignatureInformation,
} from 'vscode-languageserver-types';
import { TypePrinter } from '../typing/print';
import { Type } from '../typing/types';
import { DocumentView, nodeAt, offsetOf, referenceOf, registerCalls } from './view';

/** Parameters of the function being applied around the cursor, with the active one. */
export function signatureHelp(view: DocumentView, position: Position): SignatureHelp | null {
  const offset = offsetOf(view, position);
  const typing = view.analysis.typing;
  if (!typing) return null;
  const table = view.analysis.env.table;
  const printer = new TypePrinter(table);
  let n = nodeAt(view, Math.max(0, offset - 1));
  while (
    n &&
    !(
      n.type === 'application_expression' ||
      (n.type === 'infix_expression' && n.childForFieldName('operator')?.text === '$')
    )
  ) {
    n = n.parent;
  }
  if (!n) return null;
  if (n.type === 'infix_expression') return functorHelp(view, n, printer);
  const fn = n.childForFieldName('function');
  if (!fn) return null;
  const ref = referenceOf(view, fn);
  if (!ref) return null;
  const params: { label: string; text: string; positional: boolean; name: string }[] = [];
  let cur = table.head(ref.type);
  while (cur.k === 'arrow') {
    const payload = cur.optional
      ? (cur.param.k === 'con' && cur.param.args[0]) || cur.param
      : cur.param;
    const text = `${cur.label ? `${cur.optional ? '?' : '~'}${cur.label}:` : ''}${printer.print(payload as Type)}`;
    params.push({ label: text, text, positional: !cur.label, name: cur.label });
    cur = table.head(cur.result);
  }
  const args = n.childrenForFieldName('argument').filter((a): a is Node => a !== null);
  const before = args.filter((a) => a.endIndex < offset);
  const givenLabels = new Set(
    before
      .filter((a) => a.type === 'labeled_argument')
      .map((a) => a.namedChildren.find((c) => c?.type === 'label_name')?.text),
  );
  const positionalGiven = before.filter((a) => a.type !== 'labeled_argument').length;
  let seenPositional = 0;
  let active = params.findIndex((p) => {
    if (p.positional) return seenPositional++ === positionalGiven;
    return false;
  });
  if (active < 0) active = params.findIndex((p) => !p.positional && !givenLabels.has(p.name));
  const label = `${fn.text} : ${params.map((p) => p.text).join(' -> ')} -> ${printer.print(cur)}`;
  const info = SignatureInformation.create(
    label,
    ref.binding.info?.doc,
    ...params.map((p) => ParameterInformation.create(p.text)),
  );
  return { signatures: [info], activeSignature: 0, activeParameter: Math.max(0, active) };
}

/** For `main $ a $ |`: the devices the functor expects, the next one active. */
function functorHelp(view: DocumentView, n: Node, printer: TypePrinter): SignatureHelp | null {
  let applied = 0;
  let head: Node | null = n;
  while (
    head &&
    head.type === 'infix_expression' &&
    head.childForFieldName('operator')?.text === '$'
  ) {
    applied++;
    head = head.childForFieldName('left');
    while (head && head.type === 'parenthesized_expression')
      head = head.childForFieldName('expression');
  }
  if (!head) return null;
  const ref = referenceOf(view, head);
  if (!ref) return null;
  const table = view.analysis.env.table;
  const impl = table.head(ref.type);
  if (impl.k !== 'con' || impl.path !== 'impl') return null;
  const devices: string[] = [];
  let cur = table.head(impl.args[0]);
  while (cur.k === 'arrow') {
    devices.push(printer.print(cur.param));
    cur = table.head(cur.result);
  }
  const name = ref.binding.functor ?? head.text;
  const label = `${name} $ ${devices.join(' $ ')} : ${printer.print(cur)}`;
  return {
    signatures: [
      SignatureInformation.create(
        label,
        `devices of ${name}`,
        ...devices.map((d) => ParameterInformation.create(d)),
      ),
    ],
    activeSignature: 0,
    activeParameter: Math.min(applied - 1, Math.max(0, devices.length - 1)),
  };
}

/** The device type of each `$` argument and of let-bound devices. */
export function inlayHints(view: DocumentView, range: Range): InlayHint[] {
  const typing = view.analysis.typing;
  if (!typing) return [];
  const lines = view.analysis.lines;
  const from = lines.offset(range.start);
  const to = lines.offset(range.end);
  const printer = new TypePrinter(view.analysis.env.table);
  const device = (t: Type): string | null => {
    const h = view.analysis.env.table.head(t);
    return h.k === 'con' && h.path === 'impl' ? printer.print(h.args[0]) : null;
  };
  const out: InlayHint[] = [];
  for (const b of typing.toplevel) {
    if (!b.def || b.def.end < from || b.def.start > to) continue;
    const d = device(b.type);
    if (d)
      out.push({
        position: lines.position(b.def.end),
        label: `: ${d}`,
        kind: InlayHintKind.Type,
        paddingLeft: false,
      });
  }
  const point = (o: number) => {
    const p = lines.position(o);
    return { row: p.line, column: p.character };
  };
  for (const n of view.tree.rootNode.descendantsOfType(
    'infix_expression',
    point(from),
    point(to),
  )) {
    if (!n || n.childForFieldName('operator')?.text !== '$') continue;
    const right = n.childForFieldName('right');
    const t = right ? typing.exprTypes.get(right) : undefined;
    const d = t && device(t);
    if (right && d && right.type !== 'parenthesized_expression' && !/^\(/.test(right.text)) {
      out.push({
        position: lines.position(right.endIndex),
        label: `: ${d}`,
        kind: InlayHintKind.Type,
        paddingLeft: false,
      });
    }
  }
  return out;
}

/** Run, build, configure and debug lenses over each `register`. */
export function codeLenses(view: DocumentView, target: string): CodeLens[] {
  const out: CodeLens[] = [];
  for (const call of registerCalls(view)) {
    const range = view.analysis.lines.range(
      call.startIndex,
      call.childForFieldName('function')!.endIndex,
    );
    const arg = { uri: view.uri, target };
    out.push(
      { range, command: { title: `▶ Run on ${target}`, command: 'mirage.run', arguments: [arg] } },
      { range, command: { title: 'Build', command: 'mirage.build', arguments: [arg] } },
      { range, command: { title: 'Configure', command: 'mirage.configure', arguments: [arg] } },
      { range, command: { title: 'Debug', command: 'mirage.debug', arguments: [arg] } },
    );
  }
  return out;
}
