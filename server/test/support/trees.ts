import type { SyntaxNode } from '../../src/syntax/tree';

/** Everything a tree says of its nodes, for comparing an incremental tree with a fresh one. */
export function treeShape(n: SyntaxNode): unknown {
  return [
    n.type,
    n.startIndex,
    n.endIndex,
    n.hasError,
    n.isMissing,
    n.field,
    n.children.map(treeShape),
  ];
}

/** The LSP position of a UTF-16 offset. */
export function positionOf(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}
