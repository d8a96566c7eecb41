import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ProblemMatcherJson, problemMatchers } from '../src/problemMatchers';
import { Problem, collectProblems } from '../src/problemMatching';

const root = resolve(__dirname, '../../../..');

interface Located {
  file: string;
  line: number | null;
  endLine?: number;
  startCol?: number;
  endCol?: number;
  message: string;
  kind: string;
}

interface Run {
  errors: Located[];
  warnings: Located[];
  raw: string;
}

function conformanceDir(): string | null {
  const candidates = [
    process.env.MIRAGE_CONFORMANCE,
    resolve(root, '../shared/conformance'),
    resolve(root, '../../shared/conformance'),
  ].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(join(p, 'cases'))) ?? null;
}

/** What the matcher should turn an expected entry into (columns passed through as OCaml's). */
function expectedProblem(e: Located, severity: Problem['severity']): Partial<Problem> {
  return {
    file: e.file,
    line: e.line!,
    character: e.startCol,
    endLine: e.endLine,
    endCharacter: e.endCol,
    severity,
  };
}

function same(p: Problem, e: Located, severity: Problem['severity']): boolean {
  const want = expectedProblem(e, severity);
  return (
    p.file === want.file &&
    p.line === want.line &&
    p.character === want.character &&
    p.endLine === want.endLine &&
    p.endCharacter === want.endCharacter &&
    p.severity === want.severity &&
    // The recorded message is the first line, sometimes in the warning form
    // (`Warning 26 [unused-var]: ...`, `Alert deprecated: ...`); the matcher keeps the text.
    (e.message === p.message || e.message.endsWith(`: ${p.message}`))
  );
}

function unique(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

describe('$mirage problem matchers', function () {
  const matchers = problemMatchers();

  it('are what package.json contributes', function () {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      contributes: { problemMatchers: ProblemMatcherJson[] };
    };
    assert.deepEqual(pkg.contributes.problemMatchers, matchers);
    assert.ok(matchers.some((m) => m.name === 'mirage'));
  });

  it('compile as JavaScript regular expressions, as VS Code compiles them', function () {
    for (const m of matchers)
      for (const p of m.pattern) assert.doesNotThrow(() => new RegExp(p.regexp));
  });

  describe('on the real `mirage configure` outputs of the conformance suite', function () {
    const dir = conformanceDir();
    const cases = dir
      ? readdirSync(join(dir, 'cases'))
          .sort()
          .map((id) => ({
            id,
            expected: (
              JSON.parse(readFileSync(join(dir, 'cases', id, 'case.json'), 'utf8')) as {
                expected: Record<string, Run>;
              }
            ).expected,
          }))
      : [];

    before(function () {
      if (!dir) this.skip();
    });

    it('find every located error and warning, with its range and severity, and nothing else', function () {
      let checked = 0;
      let located = 0;
      const failures: string[] = [];
      for (const c of cases) {
        for (const [target, run] of Object.entries(c.expected)) {
          const found = unique(collectProblems(matchers, run.raw.split('\n')));
          const want = [
            ...run.errors.filter((e) => e.line !== null).map((e) => [e, 'error'] as const),
            ...run.warnings.filter((e) => e.line !== null).map((e) => [e, 'warning'] as const),
          ];
          for (const [e, severity] of want) {
            located++;
            if (!found.some((p) => same(p, e, severity))) {
              failures.push(
                `${c.id}/${target}: missed ${severity} ${e.file}:${e.line}:${e.startCol}-${e.endCol} ${e.message}\n  found: ${JSON.stringify(found)}`,
              );
            }
          }
          for (const p of found) {
            if (!want.some(([e, severity]) => same(p, e, severity))) {
              failures.push(`${c.id}/${target}: unexpected ${JSON.stringify(p)}`);
            }
          }
          checked++;
        }
      }
      assert.deepEqual(failures.slice(0, 10), []);
      // The suite has hundreds of located errors; make sure we really looked at them.
      assert.ok(checked > 1000, `only ${checked} outputs`);
      assert.ok(located > 800, `only ${located} located errors`);
    });

    it('use the quote-less matcher for syntax errors at the end of the file', function () {
      const run = cases.find((c) => c.id === 'era48-syntax-unclosed-list')?.expected.unix;
      assert.ok(run, 'case era48-syntax-unclosed-list is missing');
      const [p] = collectProblems(matchers, run.raw.split('\n'));
      assert.equal(p.matcher, 'mirage-noexcerpt');
      assert.equal(p.line, 9);
      assert.equal(p.message, "Syntax error: ']' expected");
    });

    it('read the code of warnings and alerts', function () {
      const warn = cases.find((c) => c.id === 'warn-unused-variable')?.expected.unix;
      assert.ok(warn);
      const [w] = collectProblems(matchers, warn.raw.split('\n'));
      assert.deepEqual(
        [w.severity, w.code, w.message],
        ['warning', '26 [unused-var]', 'unused variable spare.'],
      );
      const alert = cases.find((c) => c.id === 'era44-alert-console')?.expected.unix;
      assert.ok(alert);
      const [a] = collectProblems(matchers, alert.raw.split('\n'));
      assert.deepEqual(
        [a.severity, a.code, a.message],
        ['error', 'alert deprecated', 'Mirage.console'],
      );
    });
  });

  it('catch multi-line locations quoted over 3 to 10 lines (ocamlc 4.13.1 output)', function () {
    const text = readFileSync(
      join(__dirname, '../../../../client/test/fixtures/ocaml-4.13-spans.txt'),
      'utf8',
    );
    const found = collectProblems(
      matchers,
      text.split('\n').filter((l) => !l.startsWith('#')),
    );
    assert.deepEqual(
      found.map((p) => [p.matcher, p.file, p.line, p.endLine, p.character, p.endCharacter]),
      [
        ['mirage-span3', 's3.ml', 2, 4, 10, 6],
        ['mirage-span4', 's4.ml', 2, 5, 10, 6],
        ['mirage-span7', 's7.ml', 2, 8, 10, 6],
        ['mirage-span10', 's10.ml', 2, 11, 10, 6],
        ['mirage-span10', 's14.ml', 2, 15, 10, 6],
      ],
    );
    for (const p of found) {
      assert.equal(p.severity, 'error');
      assert.equal(
        p.message,
        'This expression has type string but an expression was expected of type',
      );
    }
  });

  it('ignore a quote that is not followed by a message (secondary locations)', function () {
    const lines = [
      'File "config.ml", line 8, characters 30-31:',
      '8 | let () = register "open-list" [ app $ default_time',
      '                                  ^',
      "  This '[' might be unmatched",
    ];
    assert.deepEqual(collectProblems(matchers, lines), []);
  });
});
