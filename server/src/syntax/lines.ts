import { Position, Range } from 'vscode-languageserver-types';

/** Converts UTF-16 offsets to LSP positions. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1))
      this.starts.push(i + 1);
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }

  offset(p: Position): number {
    const start = this.starts[Math.min(Math.max(p.line, 0), this.starts.length - 1)] ?? 0;
    return Math.min(start + Math.max(p.character, 0), this.text.length);
  }

  /** The offset of a position clamped into its line (editors may send stale positions). */
  offsetInLine(p: Position): number {
    if (p.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(p.line, 0)];
    const next = this.starts[Math.max(p.line, 0) + 1];
    const end = next === undefined ? this.text.length : next - 1;
    return Math.min(start + Math.max(0, p.character), end);
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
