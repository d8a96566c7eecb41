import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shared conformance suite: recorded results of the real `mirage configure`. */
export interface ExpectedError {
  file: string;
  line: number | null;
  endLine?: number;
  startCol?: number;
  endCol?: number;
  message: string;
  kind: string;
}

export interface ExpectedRun {
  exit: number;
  ok: boolean;
  errors: ExpectedError[];
}

export interface Anchor {
  line: number;
  startCol: number;
  endCol: number;
  text: string;
}

export interface ConformanceCase {
  id: string;
  dir: string;
  description: string;
  covers: string[];
  flags: string[];
  mirage?: string;
  anchors?: Record<string, Anchor[]>;
  unikernel_check: null | {
    expected: 'ok' | 'mismatch';
    module: string;
    functorParams: number;
    startArgs: number;
  };
  expected: Record<string, ExpectedRun>;
}

/** ../shared/conformance beside the repository (or $MIRAGE_CONFORMANCE). */
export function conformanceDir(): string | null {
  const candidates = [
    process.env.MIRAGE_CONFORMANCE,
    resolve(__dirname, '../../../../../shared/conformance'),
    resolve(__dirname, '../../../../shared/conformance'),
  ].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(join(p, 'cases'))) ?? null;
}

export function loadCases(dir: string): ConformanceCase[] {
  return readdirSync(join(dir, 'cases'))
    .sort()
    .map((id) => {
      const caseDir = join(dir, 'cases', id);
      const data = JSON.parse(readFileSync(join(caseDir, 'case.json'), 'utf8')) as Omit<
        ConformanceCase,
        'dir'
      >;
      return { ...data, dir: caseDir };
    });
}
