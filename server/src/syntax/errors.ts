import { countBefore } from './search';
import type { SyntaxNode as Node, SyntaxTree as Tree } from './tree';

export interface SyntaxProblem {
  readonly start: number;
  readonly end: number;
  readonly kind: 'syntax' | 'unterminated-string' | 'unterminated-comment';
  readonly message: string;
}

/** The first leaf that starts at or after `offset` (OCaml reports the token it stumbled on). */
function leafAtOrAfter(root: Node, offset: number): Node | null {
  let node: Node | null = root;
  while (node && node.childCount > 0) {
    const kids: Node[] = node.children;
    // Children are in document order: find the first that ends past `offset`.
    let lo = countBefore(kids, (k) => k.endIndex <= offset);
    while (lo < kids.length && kids[lo].isMissing && kids[lo].startIndex === offset) lo++;
    node = lo < kids.length ? kids[lo] : null;
  }
  return node;
}

function describeMissing(node: Node): string {
  const what = node.type;
  if (what === '"') return 'String literal not terminated';
  if (/^[a-z_]+$/.test(what) && node.isNamed)
    return `Syntax error: ${what.replace(/_/g, ' ')} expected`;
  return `Syntax error: '${what}' expected`;
}

/**
 * Syntax errors of a tree, located where the OCaml parser would complain: at the token it
 * could not accept, or at the start of an unterminated string or comment.
 */
export function syntaxProblems(tree: Tree): SyntaxProblem[] {
  const root = tree.rootNode;
  const text = root.text;
  const out: SyntaxProblem[] = [];
  // An unterminated comment runs to the end of the file: it can only be the last leaf.
  const last = lastLeaf(root);
  const tail = last && last.type === 'comment' && !last.text.endsWith('*)') ? last : null;
  if (!root.hasError && !tail) return out;
  const visit = (node: Node): void => {
    if (node.type === 'comment' && !node.text.endsWith('*)')) {
      out.push({
        start: node.startIndex,
        end: node.startIndex + 2,
        kind: 'unterminated-comment',
        message: 'Comment not terminated',
      });
      return;
    }
    if (node.isMissing) {
      if (node.type === '"') {
        const str = node.parent;
        const start = str ? str.startIndex : node.startIndex;
        out.push({
          start,
          end: start + 1,
          kind: 'unterminated-string',
          message: 'String literal not terminated',
        });
      } else {
        const leaf = leafAtOrAfter(root, node.startIndex);
        const start = leaf ? leaf.startIndex : text.length;
        const end = leaf ? leaf.endIndex : text.length;
        out.push({ start, end, kind: 'syntax', message: describeMissing(node) });
      }
      return;
    }
    if (node.isError) {
      const at = errorToken(root, node);
      out.push({ start: at.start, end: at.end, kind: 'syntax', message: 'Syntax error' });
      return;
    }
    const holdsTail = tail !== null && node.endIndex === root.endIndex;
    if (!node.hasError && node.type !== 'comment' && !holdsTail) return;
    for (const c of node.children) visit(c);
  };
  visit(root);
  return out;
}

function leaves(node: Node, out: Node[] = []): Node[] {
  if (node.childCount === 0) {
    if (node.endIndex > node.startIndex) out.push(node);
    return out;
  }
  for (let i = 0; i < node.childCount; i++) {
    const c = node.child(i);
    if (c) leaves(c, out);
  }
  return out;
}

/**
 * Where OCaml's parser gives up inside a region tree-sitter could not parse: a lone token is
 * the culprit; in a longer region, the first item starting a line at column 0 (a new
 * definition while the previous one is unfinished), else the token after the region.
 */
function errorToken(root: Node, error: Node): { start: number; end: number } {
  const tokens = leaves(error);
  if (tokens.length <= 1) {
    const t = tokens[0] ?? error;
    return { start: t.startIndex, end: t.endIndex };
  }
  const firstRow = tokens[0].startPosition.row;
  const fresh = tokens.find((t) => t.startPosition.row > firstRow && t.startPosition.column === 0);
  if (fresh) return { start: fresh.startIndex, end: fresh.endIndex };
  const after = leafAtOrAfter(root, error.endIndex);
  if (after && after.startIndex >= error.endIndex)
    return { start: after.startIndex, end: after.endIndex };
  const eof = root.endIndex;
  return { start: eof, end: eof };
}

function lastLeaf(node: Node): Node | null {
  let cur: Node | null = node;
  while (cur && cur.childCount > 0) cur = cur.child(cur.childCount - 1);
  return cur;
}
