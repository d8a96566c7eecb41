/**
 * The number of leading elements of `items` that satisfy `before`, which must hold for a
 * prefix and then never again (items in document order: "ends before the offset").
 */
export function countBefore<T>(items: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(items[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
