import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Diagnostic } from 'vscode-languageserver-types';
import { parseVersion } from '../src/signatures/eras';
import { siblingModules } from '../src/project/unikernel';
import { ConformanceCase, ExpectedError, conformanceDir, loadCases } from './support/conformance';
import { analyze, errors, testRuntime } from './support/runtime';

/**
 * The compile-level part of the conformance suite: syntax, unbound names, labels, arity,
 * types and the version line. Target and runtime failures belong to the target analysis.
 */
const COMPILE_KINDS = new Set(['type', 'unbound', 'syntax', 'label', 'arity', 'version']);

function overlaps(d: Diagnostic, e: ExpectedError): boolean {
  if (e.line === null) return true;
  const line = e.line - 1;
  const lastLine = (e.endLine ?? e.line) - 1;
  const start = d.range.start;
  if (start.line < line || start.line > lastLine) return false;
  if (e.startCol === undefined || e.endCol === undefined) return true;
  const from = start.line === line ? e.startCol : 0;
  const to = start.line === lastLine ? e.endCol : Number.MAX_SAFE_INTEGER;
  const dEnd = d.range.end.line === start.line ? d.range.end.character : Number.MAX_SAFE_INTEGER;
  if (from === to) return start.character <= from && dEnd >= from;
  return start.character < to && dEnd > from;
}

/** Diagnostics located past the last line may be clamped onto it. */
function clampLine(e: ExpectedError, lineCount: number): ExpectedError {
  if (e.line !== null && e.line > lineCount + 1)
    return { ...e, line: lineCount, endLine: lineCount };
  return e;
}

const dir = conformanceDir();

describe('conformance: compile-level errors agree with mirage configure', function () {
  if (!dir) {
    it('needs ../shared/conformance', function () {
      this.skip();
    });
    return;
  }
  const cases = loadCases(dir);
  before(async () => {
    await testRuntime();
  });

  const tally = { runs: 0, okRuns: 0, falseErrors: 0, expected: 0, found: 0 };
  after(() => {
    console.log(
      `      conformance (compile-level): ${tally.found}/${tally.expected} expected errors found, ` +
        `${tally.falseErrors} false errors in ${tally.okRuns} successful runs (${tally.runs} runs)`,
    );
  });

  for (const c of cases) {
    it(`${c.id}`, function () {
      checkCase(c, tally, this);
    });
  }
});

function checkCase(c: ConformanceCase, tally: Record<string, number>, ctx: Mocha.Context): void {
  const text = readFileSync(join(c.dir, 'config.ml'), 'utf8');
  const installed = parseVersion(c.mirage ?? '4.11.1') ?? undefined;
  const analysis = analyze(text, { installed, siblingModules: siblingModules(c.dir) });
  const found = errors(analysis);
  const lineCount = text.endsWith('\n') ? analysis.lines.lineCount - 1 : analysis.lines.lineCount;
  let inScope = 0;
  for (const [target, run] of Object.entries(c.expected)) {
    tally.runs++;
    if (run.ok) {
      tally.okRuns++;
      if (found.length > 0) tally.falseErrors++;
      assert.deepEqual(
        found.map((d) => `${d.range.start.line + 1}:${d.range.start.character} ${d.message}`),
        [],
        `${c.id} on ${target}: the real tool succeeded, but we report errors`,
      );
      continue;
    }
    for (const e0 of run.errors) {
      if (!COMPILE_KINDS.has(e0.kind) || e0.file !== 'config.ml') continue;
      inScope++;
      tally.expected++;
      const e = clampLine(e0, lineCount);
      const hit = found.some((d) => overlaps(d, e));
      if (hit) tally.found++;
      assert.ok(
        hit,
        `${c.id} on ${target}: expected a ${e.kind} error at line ${e.line}:${e.startCol}-${e.endCol} ` +
          `("${e.message}"), got: ${found.map((d) => `${d.range.start.line + 1}:${d.range.start.character}-${d.range.end.character} ${d.message}`).join(' | ') || 'nothing'}`,
      );
    }
  }
  const failing = Object.values(c.expected).some((r) => !r.ok);
  if (failing && inScope === 0) {
    // Target, runtime and command-line failures are judged by the target analysis tests.
    ctx.skip();
  }
}
