import { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import { Type } from '../typing/types';
import { DocumentView } from './view';

/**
 * Semantic tokens for what a grammar cannot know: which names are device types, devices,
 * configure keys, and which tags are targets.
 */
export const SEMANTIC_LEGEND: SemanticTokensLegend = {
  tokenTypes: ['type', 'function', 'variable', 'property', 'enumMember'],
  tokenModifiers: ['defaultLibrary'],
};

const TYPE = 0;
const FUNCTION = 1;
const VARIABLE = 2;
const PROPERTY = 3;
const ENUM_MEMBER = 4;

const TARGET_TAGS = new Set([
  'Unix',
  'MacOSX',
  'Xen',
  'Qubes',
  'Virtio',
  'Hvt',
  'Spt',
  'Muen',
  'Genode',
  'Firecracker',
  'QEMU',
]);

export function semanticTokens(view: DocumentView): SemanticTokens {
  const table = view.analysis.env.table;
  const classify = (t: Type): number | null => {
    let h = table.head(t);
    const isFunction = h.k === 'arrow';
    while (h.k === 'arrow') h = table.head(h.result);
    if (h.k !== 'con') return null;
    if (h.path === 'typ') return TYPE;
    if (h.path === 'impl') return isFunction ? FUNCTION : VARIABLE;
    if (h.path === 'key' || h.path === 'value') return PROPERTY;
    return null;
  };
  const tokens: { start: number; length: number; type: number; library: boolean }[] = [];
  for (const r of view.analysis.typing?.references ?? []) {
    const type = classify(r.type);
    if (type === null) continue;
    // Only the last component of `Mirage.Key.value` is the name itself.
    const text = view.text.slice(r.start, r.end);
    const dot = text.lastIndexOf('.');
    const start = dot >= 0 ? r.start + dot + 1 : r.start;
    if (text.includes('\n')) continue;
    tokens.push({ start, length: r.end - start, type, library: !!r.binding.info });
  }
  for (const tag of view.tree.rootNode.descendantsOfType('tag')) {
    if (TARGET_TAGS.has(tag.text.slice(1))) {
      tokens.push({
        start: tag.startIndex,
        length: tag.endIndex - tag.startIndex,
        type: ENUM_MEMBER,
        library: true,
      });
    }
  }
  tokens.sort((a, b) => a.start - b.start);
  const data: number[] = [];
  let line = 0;
  let char = 0;
  let lastEnd = -1;
  for (const t of tokens) {
    if (t.start < lastEnd) continue;
    const p = view.analysis.lines.position(t.start);
    data.push(
      p.line - line,
      p.line === line ? p.character - char : p.character,
      t.length,
      t.type,
      t.library ? 1 : 0,
    );
    line = p.line;
    char = p.character;
    lastEnd = t.start + t.length;
  }
  return { data };
}
