/**
 * A binary min-heap of small integers ordered by a caller's comparison.
 *
 * @module
 */

/**
 * A binary min-heap of integers (node indices), ordered by `compare`.
 * Used by Kahn's algorithm to pick the smallest candidate in O(log n).
 *
 * @example
 * const heap = new MinHeap((a, b) => a - b);
 * heap.push(3); heap.push(1);
 * heap.pop(); // 1
 */
export class MinHeap {
  private readonly items: number[] = [];

  /** @param compare - negative when `a` sorts before `b` */
  constructor(private readonly compare: (a: number, b: number) => number) {}

  /** The number of items in the heap. */
  get size(): number {
    return this.items.length;
  }

  /** Adds an item. */
  push(item: number): void {
    const items = this.items;
    let i = items.length;
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent]!;
      if (this.compare(item, p) >= 0) break;
      items[i] = p;
      i = parent;
    }
    items[i] = item;
  }

  /** Removes and returns the smallest item, or `undefined` when empty. */
  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    const n = items.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && this.compare(items[r]!, items[l]!) < 0) c = r;
      if (this.compare(items[c]!, last) >= 0) break;
      items[i] = items[c]!;
      i = c;
    }
    items[i] = last;
    return top;
  }
}
