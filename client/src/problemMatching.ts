/**
 * Runs VS Code problem matchers over terminal lines the way VS Code's task system does
 * (vs/workbench/contrib/tasks/common/problemCollectors.ts and problemMatcher.ts, 1.100),
 * so that the matchers in package.json can be tested without a running VS Code, and so
 * that our own tasks report their problems themselves (see tasks.ts):
 *
 * - the collector keeps the last N lines, N being the longest matcher's pattern count;
 * - after each line it tries, for each suffix of that buffer, the matchers with exactly
 *   as many patterns as the suffix has lines, longest suffix first;
 * - a matcher matches when pattern i matches line i of the suffix (JavaScript RegExp);
 *   the first value captured for a property wins, and a match needs file, line (or
 *   location) and message; after a match the buffer is cleared;
 * - severity: `error`/`warning`/`warn`/`info` (any case), else the matcher's default.
 */
import { ProblemMatcherJson, ProblemPatternJson } from './problemMatchers';

export interface Problem {
  matcher: string;
  file: string;
  line: number;
  character?: number;
  endLine?: number;
  endCharacter?: number;
  severity: 'error' | 'warning' | 'info';
  code?: string;
  message: string;
}

interface Compiled {
  json: ProblemMatcherJson;
  patterns: (ProblemPatternJson & { re: RegExp })[];
}

type Data = Partial<
  Record<
    'file' | 'line' | 'character' | 'endLine' | 'endCharacter' | 'severity' | 'code' | 'message',
    string
  >
>;

const PROPERTY: [keyof Data, keyof ProblemPatternJson][] = [
  ['file', 'file'],
  ['code', 'code'],
  ['severity', 'severity'],
  ['line', 'line'],
  ['character', 'column'],
  ['endLine', 'endLine'],
  ['endCharacter', 'endColumn'],
];

function severityOf(value: string | undefined, fallback: string): Problem['severity'] {
  const v = (value ?? '').toLowerCase();
  if (v === 'error') return 'error';
  if (v === 'warning' || v === 'warn') return 'warning';
  if (v === 'info') return 'info';
  return fallback === 'error' ? 'error' : fallback === 'info' ? 'info' : 'warning';
}

function handle(m: Compiled, lines: string[]): Problem | null {
  const data: Data = {};
  for (const [i, p] of m.patterns.entries()) {
    const match = p.re.exec(lines[i]);
    if (!match) return null;
    for (const [prop, key] of PROPERTY) {
      const index = p[key] as number | undefined;
      if (data[prop] === undefined && index !== undefined && match[index] !== undefined) {
        data[prop] = match[index].trim();
      }
    }
    if (p.message !== undefined && match[p.message] !== undefined) {
      const text = match[p.message].trim();
      data.message = data.message === undefined ? text : `${data.message}\n${text}`;
    }
  }
  if (!data.file || !data.line || !data.message) return null;
  const num = (s: string | undefined): number | undefined => (s ? parseInt(s, 10) : undefined);
  return {
    matcher: m.json.name,
    file: data.file,
    line: parseInt(data.line, 10),
    character: num(data.character),
    endLine: num(data.endLine),
    endCharacter: num(data.endCharacter),
    severity: severityOf(data.severity, m.json.severity),
    code: data.code,
    message: data.message,
  };
}

export function collectProblems(matchers: ProblemMatcherJson[], lines: string[]): Problem[] {
  const compiled: Compiled[] = matchers.map((json) => ({
    json,
    patterns: json.pattern.map((p) => ({ ...p, re: new RegExp(p.regexp) })),
  }));
  const byLength = new Map<number, Compiled[]>();
  for (const c of compiled) {
    const list = byLength.get(c.patterns.length) ?? [];
    list.push(c);
    byLength.set(c.patterns.length, list);
  }
  const bufferLength = Math.max(...compiled.map((c) => c.patterns.length));
  let buffer: string[] = [];
  const problems: Problem[] = [];
  for (const line of lines) {
    buffer.push(line);
    if (buffer.length > bufferLength) buffer.shift();
    search: for (let start = 0; start < buffer.length; start++) {
      for (const m of byLength.get(buffer.length - start) ?? []) {
        const p = handle(m, buffer.slice(start));
        if (p) {
          problems.push(p);
          buffer = [];
          break search;
        }
      }
    }
  }
  return problems;
}
