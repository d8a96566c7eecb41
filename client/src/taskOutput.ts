import { isAbsolute, join } from 'node:path';

/**
 * OCaml names files relative to the directory dune ran in (the unikernel's), but a VS Code
 * problem matcher can only resolve relative names against a fixed folder (`${cwd}` is
 * VS Code's own start directory, not the task's). Our tasks therefore print locations
 * with absolute paths; the rest of the output is unchanged.
 */
export function absoluteLocations(line: string, dir: string): string {
  return line.replace(/^File "([^"]+)"/, (whole, file: string) =>
    isAbsolute(file) ? whole : `File "${join(dir, file)}"`,
  );
}

/** Splits a stream into lines (a chunk may end mid-line) and maps each complete line. */
export class LineMapper {
  private rest = '';

  constructor(private readonly map: (line: string) => string) {}

  push(chunk: string): string {
    const text = this.rest + chunk;
    const end = text.lastIndexOf('\n');
    if (end < 0) {
      this.rest = text;
      return '';
    }
    this.rest = text.slice(end + 1);
    return (
      text
        .slice(0, end)
        .split('\n')
        .map((l) => this.map(l.replace(/\r$/, '')))
        .join('\n') + '\n'
    );
  }

  /** What is left at the end of the stream. */
  flush(): string {
    const last = this.rest;
    this.rest = '';
    return last ? this.map(last) : '';
  }
}
