import type { Node, Tree } from 'web-tree-sitter';

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
    let next: Node | null = null;
    for (let i = 0; i < node.childCount; i++) {
      const c = node.child(i);
      if (c && c.endIndex > offset && !(c.isMissing && c.startIndex === offset)) {
        next = c;
        break;
      }
    }
    if (!next) return null;
    node = next;
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
  if (!root.hasError && !hasUnterminatedComment(root)) return out;
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
      const first = firstLeaf(node);
      const start = first ? first.startIndex : node.startIndex;
      const end = first ? first.endIndex : node.endIndex;
      out.push({ start, end, kind: 'syntax', message: 'Syntax error' });
      return;
    }
    if (!node.hasError && node.type !== 'comment' && !hasUnterminatedComment(node)) return;
    for (let i = 0; i < node.childCount; i++) {
      const c = node.child(i);
      if (c) visit(c);
    }
  };
  visit(root);
  return out;
}

function firstLeaf(node: Node): Node | null {
  let cur: Node | null = node;
  while (cur && cur.childCount > 0) cur = cur.child(0);
  return cur;
}

function hasUnterminatedComment(node: Node): boolean {
  // Cheap: an unterminated comment runs to the end of the file.
  const last = lastLeaf(node);
  return !!last && last.type === 'comment' && !last.text.endsWith('*)');
}

function lastLeaf(node: Node): Node | null {
  let cur: Node | null = node;
  while (cur && cur.childCount > 0) cur = cur.child(cur.childCount - 1);
  return cur;
}
