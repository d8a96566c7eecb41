import {
  DocumentSymbol,
  Location,
  Position,
  Range,
  SymbolKind,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { TypePrinter } from '../typing/print';
import { repr } from '../typing/types';
import { ModuleLocation } from '../analysis/unikernel';
import { DocumentView, nodeAt, offsetOf, referenceAt, referencesTo, registerCalls } from './view';

/** Resolves `main "Unikernel.Main"` to the module in the unikernel's files. */
export type ModuleFinder = (qualified: string) => ModuleLocation | null;

export function definition(
  view: DocumentView,
  position: Position,
  findModule?: ModuleFinder,
): Location | null {
  const offset = offsetOf(view, position);
  const n = nodeAt(view, offset);
  const str = n && (n.type === 'string_content' ? n.parent : n.type === 'string' ? n : null);
  if (str && findModule) {
    const app = str.parent;
    const fn =
      app?.type === 'application_expression' ? app.childForFieldName('function')?.text : '';
    if (/(^|\.)(main|foreign)$/.test(fn ?? '')) {
      const name = str.text.replace(/^"|"$/g, '');
      const m = findModule(name);
      if (m) return Location.create(m.uri, m.range);
    }
  }
  const ref = referenceAt(view, offset);
  if (!ref || !ref.binding.def) return null;
  return Location.create(
    view.uri,
    view.analysis.lines.range(ref.binding.def.start, ref.binding.def.end),
  );
}

export function references(
  view: DocumentView,
  position: Position,
  includeDeclaration: boolean,
): Location[] {
  const ref = referenceAt(view, offsetOf(view, position));
  if (!ref || !ref.binding.def) return [];
  const def = ref.binding.def;
  return referencesTo(view, ref.binding)
    .filter((r) => includeDeclaration || r.start !== def.start)
    .map((r) => Location.create(view.uri, view.analysis.lines.range(r.start, r.end)));
}

/** Only names config.ml defines can be renamed (not the DSL's). */
export function prepareRename(view: DocumentView, position: Position): Range | null {
  const ref = referenceAt(view, offsetOf(view, position));
  if (!ref || !ref.binding.def) return null;
  return view.analysis.lines.range(ref.start, ref.end);
}

export function rename(
  view: DocumentView,
  position: Position,
  newName: string,
): WorkspaceEdit | null {
  if (!/^[a-z_][A-Za-z0-9_']*$/.test(newName)) return null;
  const ref = referenceAt(view, offsetOf(view, position));
  if (!ref || !ref.binding.def) return null;
  const edits = referencesTo(view, ref.binding).map((r) =>
    TextEdit.replace(view.analysis.lines.range(r.start, r.end), newName),
  );
  // Punned labels (`~port`) must keep their label: rewrite them as `~port:new`.
  const fixed = edits.map((e) => {
    const start = view.analysis.lines.offset(e.range.start);
    return view.text[start - 1] === '~' || view.text[start - 1] === '?'
      ? TextEdit.replace(e.range, `${ref.binding.name}:${newName}`)
      : e;
  });
  return { changes: { [view.uri]: fixed } };
}

/** Top-level bindings, and each `register` with its jobs. */
export function documentSymbols(view: DocumentView): DocumentSymbol[] {
  const typing = view.analysis.typing;
  const printer = new TypePrinter(view.analysis.env.table);
  const lines = view.analysis.lines;
  const out: DocumentSymbol[] = [];
  for (const b of typing?.toplevel ?? []) {
    if (!b.def) continue;
    const item = view.tree.rootNode.namedChildren.find(
      (c) => c && c.startIndex <= b.def!.start && b.def!.end <= c.endIndex,
    );
    const range = lines.range(item?.startIndex ?? b.def.start, item?.endIndex ?? b.def.end);
    out.push({
      name: b.name,
      detail: printer.print(b.type),
      kind:
        repr(b.type).k === 'arrow'
          ? SymbolKind.Function
          : b.functor
            ? SymbolKind.Module
            : SymbolKind.Variable,
      range,
      selectionRange: lines.range(b.def.start, b.def.end),
    });
  }
  for (const call of registerCalls(view)) {
    const args = call.childrenForFieldName('argument').filter((a) => a !== null);
    const name = args.find((a) => a?.type === 'string')?.text ?? '';
    const list = args.find((a) => a?.type === 'list_expression');
    out.push({
      name: `register ${name}`,
      kind: SymbolKind.Event,
      range: lines.range(call.startIndex, call.endIndex),
      selectionRange: lines.range(call.startIndex, call.childForFieldName('function')!.endIndex),
      children: (list?.namedChildren ?? [])
        .filter((j) => j !== null && j.type !== 'comment')
        .map((j) => ({
          name: j!.text.replace(/\s+/g, ' '),
          kind: SymbolKind.Object,
          range: lines.range(j!.startIndex, j!.endIndex),
          selectionRange: lines.range(j!.startIndex, j!.endIndex),
        })),
    });
  }
  return out;
}
