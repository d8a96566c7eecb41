import type { SyntaxNode } from './tree';

/**
 * What a pass over a document's top-level items (typing, evaluation) keeps for its next run,
 * keyed by the item nodes, which the tree copy reuses while an item is unchanged.
 */
export class PassMemo<Entry, Last> {
  items = new Map<SyntaxNode, Entry>();
  /** The items in the order the pass met them: up to the first difference all is kept. */
  order: SyntaxNode[] = [];
  /**
   * The last run's end state, and how to walk it back item by item: an edit near the end of
   * a long file then starts from the state before the first changed item instead of
   * replaying every item above it.
   */
  last: Last | null = null;

  clear(): void {
    this.items.clear();
    this.order = [];
    this.last = null;
  }
}
