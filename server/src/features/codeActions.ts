import type { SyntaxNode as Node } from '../syntax/tree';
import {
  CodeAction,
  CodeActionKind,
  Diagnostic,
  Range,
  TextEdit,
} from 'vscode-languageserver-types';
import { Codes } from '../analysis/codes';
import { NEWEST } from '../signatures/eras';
import { DocumentView } from './view';

/**
 * Quick fixes. Most come from the diagnostic itself (a replacement the checker computed);
 * migrations that touch several places (the clock devices removed in 4.9) are built here.
 */
/** Re-checks an edited text: its error diagnostics (used to keep only fixes that work). */
export type Recheck = (text: string) => Diagnostic[];

export function codeActions(
  view: DocumentView,
  range: Range,
  diagnostics: Diagnostic[],
  recheck?: Recheck,
): CodeAction[] {
  const out: CodeAction[] = [];
  const errorsBefore = view.analysis.diagnostics.filter((d) => d.severity === 1).length;
  /** A fix must remove its diagnostic without adding errors; checked on the edited text. */
  const works = (d: Diagnostic, edits: TextEdit[]): boolean => {
    if (!recheck) return true;
    const after = recheck(applyEdits(view, edits)).filter((x) => x.severity === 1);
    const same = after.some(
      (x) =>
        x.code === d.code &&
        x.range.start.line === d.range.start.line &&
        x.range.start.character === d.range.start.character,
    );
    return !same && (d.severity !== 1 ? after.length <= errorsBefore : after.length < errorsBefore);
  };
  for (const d of diagnostics) {
    if (d.source !== 'mirage') continue;
    const replacement = (d.data as { replacement?: string } | undefined)?.replacement;
    const current = view.text.slice(
      view.analysis.lines.offset(d.range.start),
      view.analysis.lines.offset(d.range.end),
    );
    if (replacement !== undefined) {
      const edits = [TextEdit.replace(d.range, replacement)];
      if (works(d, edits)) out.push(quickFix(view, titleFor(d, current, replacement), d, edits));
    }
    if (
      d.code === Codes.removedValue &&
      /^(time|pclock|mclock|default_time|default_posix_clock|default_monotonic_clock)$/.test(
        current,
      )
    ) {
      const edits = clockMigration(view);
      if (edits.length > 0 && works(d, edits)) {
        out.push(
          quickFix(
            view,
            'Remove the time and clock devices (mirage 4.9 passes them implicitly)',
            d,
            edits,
          ),
        );
      }
    }
    if (
      d.code === Codes.versionMismatch ||
      d.code === Codes.versionLine ||
      d.code === Codes.versionUnchecked
    ) {
      const line = `(* mirage >= ${NEWEST.from.join('.')} & < ${NEWEST.until.join('.')} *)`;
      out.push(
        quickFix(view, `Change the version line to \`${line}\``, d, [
          TextEdit.replace(
            {
              start: { line: 0, character: 0 },
              end: view.analysis.lines.position(firstLineEnd(view.text)),
            },
            line,
          ),
        ]),
      );
    }
  }
  if (view.analysis.versionLine.kind === 'none' && range.start.line === 0) {
    const line = `(* mirage >= ${NEWEST.from.join('.')} & < ${NEWEST.until.join('.')} *)`;
    out.push({
      title: `Add the version line \`${line}\``,
      kind: CodeActionKind.Source,
      edit: { changes: { [view.uri]: [TextEdit.insert({ line: 0, character: 0 }, line + '\n')] } },
    });
  }
  return out;
}

/** The text with non-overlapping edits applied. */
export function applyEdits(view: DocumentView, edits: TextEdit[]): string {
  const lines = view.analysis.lines;
  const sorted = [...edits].sort(
    (a, b) => lines.offset(b.range.start) - lines.offset(a.range.start),
  );
  let out = view.text;
  for (const e of sorted)
    out =
      out.slice(0, lines.offset(e.range.start)) + e.newText + out.slice(lines.offset(e.range.end));
  return out;
}

function firstLineEnd(text: string): number {
  const nl = text.indexOf('\n');
  const end = nl === -1 ? text.length : nl;
  return text[end - 1] === '\r' ? end - 1 : end;
}

function titleFor(d: Diagnostic, current: string, replacement: string): string {
  if (replacement === '')
    return `Remove \`${current.split(':')[0]}\` (${d.code === Codes.removedLabel ? 'no longer accepted' : 'not needed'})`;
  if (d.code === Codes.unboundConstructor) return `Write the target tag as \`${replacement}\``;
  const short = (s: string) => (s.length > 30 ? s.split(':')[0] : s);
  return `Replace \`${short(current)}\` with \`${short(replacement)}\``;
}

function quickFix(view: DocumentView, title: string, d: Diagnostic, edits: TextEdit[]): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: true,
    edit: { changes: { [view.uri]: edits } },
  };
}

const CLOCK_TYPS = new Set(['time', 'pclock', 'mclock']);
const CLOCK_IMPLS = new Set(['default_time', 'default_posix_clock', 'default_monotonic_clock']);

/** Drops `time @->`-style arguments from functor types and the matching `$ default_time`. */
function clockMigration(view: DocumentView): TextEdit[] {
  const edits: TextEdit[] = [];
  const range = (from: number, to: number) => view.analysis.lines.range(from, to);
  for (const n of view.tree.rootNode.descendantsOfType('infix_expression')) {
    if (!n) continue;
    const op = n.childForFieldName('operator')?.text;
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    if (!left || !right) continue;
    if (op === '@->' && CLOCK_TYPS.has(left.text))
      edits.push(TextEdit.del(range(n.startIndex, right.startIndex)));
    if (op === '$' && CLOCK_IMPLS.has(stripParens(right).text))
      edits.push(TextEdit.del(range(left.endIndex, n.endIndex)));
  }
  return edits;
}

function stripParens(n: Node): Node {
  let cur = n;
  while (cur.type === 'parenthesized_expression') {
    const inner = cur.childForFieldName('expression');
    if (!inner) break;
    cur = inner;
  }
  return cur;
}
