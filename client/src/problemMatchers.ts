/**
 * The `$mirage` problem matchers for `mirage configure` / `make` output (OCaml errors,
 * warnings and alerts). scripts/gen-manifest.ts writes them into package.json
 * (`contributes.problemMatchers`); client/test/problemMatcher.test.ts runs them, the way
 * VS Code does, over the real outputs recorded in the conformance suite.
 *
 * OCaml prints a location line, then a quote of the source, then the message:
 *
 *     File "config.ml", line 4, characters 37-44:
 *     4 | let echo = foreign "Unikernel.Echo" (console @-> job)
 *                                              ^^^^^^^
 *     Error (alert deprecated): Mirage.console
 *
 * A VS Code matcher is a fixed number of consecutive lines, and the quote is 0 lines
 * (syntax errors at end of input), 2 (one line plus carets, or a two-line span) or up to
 * 10 (a multi-line span, elided with `...`). So there is one matcher per quote length;
 * `$mirage` is the common one, and tasks list them all.
 *
 * Columns: OCaml counts characters from 0, VS Code matchers from 1, and a matcher cannot
 * add one, so in a user's task a marker starts one character to the left. Our own
 * `mirage` tasks run these matchers themselves (problemMatching.ts) and report exact
 * ranges, as do the language server's diagnostics.
 */

export interface ProblemPatternJson {
  regexp: string;
  file?: number;
  line?: number;
  endLine?: number;
  column?: number;
  endColumn?: number;
  severity?: number;
  code?: number;
  message?: number;
}

export interface ProblemMatcherJson {
  name: string;
  label: string;
  owner: string;
  source: string;
  applyTo: string;
  fileLocation: string[];
  severity: string;
  pattern: ProblemPatternJson[];
}

/** `File "config.ml", line 4, characters 37-44:` or `lines 8-10, ...`, or no characters. */
const LOCATION: ProblemPatternJson = {
  regexp: '^File "([^"]+)", lines? (\\d+)(?:-(\\d+))?(?:, characters (\\d+)-(\\d+))?:$',
  file: 1,
  line: 2,
  endLine: 3,
  column: 4,
  endColumn: 5,
};

/** `4 | let echo = ...` (the number is right-aligned when the quote spans 10+). */
const QUOTE = '\\s*\\d+ \\|.*';
const CARETS = '\\s*\\^+\\s*';
const ELLIPSIS = '\\.\\.\\.';

/**
 * `Error: ...`, `Error (warning 26 [unused-var]): ...`, `Error (alert deprecated): ...`,
 * `Warning 26 [unused-var]: ...`, `Alert deprecated: ...`. Severity is the first word
 * (an `Alert` falls back to the matcher's `warning`); the code is what stands between
 * it and the colon.
 */
const MESSAGE: ProblemPatternJson = {
  regexp: '^(Error|Warning|Alert)(?: \\(?((?:warning |alert )?[^:()]*)\\)?)?: (.*)$',
  severity: 1,
  code: 2,
  message: 3,
};

function line(regexp: string): ProblemPatternJson {
  return { regexp: `^(?:${regexp})$` };
}

function matcher(name: string, label: string, quote: ProblemPatternJson[]): ProblemMatcherJson {
  return {
    name,
    label,
    owner: 'mirage-task',
    source: 'mirage task',
    applyTo: 'allDocuments',
    // For users' tasks: a relative name is taken from the workspace folder (`${cwd}` would
    // be VS Code's own start directory, not the task's).
    fileLocation: ['autoDetect', '${workspaceFolder}'],
    severity: 'warning',
    pattern: [LOCATION, ...quote, MESSAGE],
  };
}

export const MAX_QUOTE_LINES = 10;

export function problemMatchers(): ProblemMatcherJson[] {
  const spans: ProblemMatcherJson[] = [];
  for (let n = 3; n <= MAX_QUOTE_LINES; n++) {
    spans.push(
      matcher(
        `mirage-span${n}`,
        `MirageOS/OCaml errors over ${n} quoted lines`,
        Array.from({ length: n }, () => line(`${QUOTE}|${ELLIPSIS}`)),
      ),
    );
  }
  return [
    matcher('mirage', 'MirageOS/OCaml errors (mirage configure, make)', [
      line(QUOTE),
      line(`${QUOTE}|${CARETS}`),
    ]),
    matcher('mirage-noexcerpt', 'MirageOS/OCaml errors without a source quote', []),
    ...spans,
  ];
}

/** What a task lists in `problemMatcher`: all of them, so every shape is caught. */
export function problemMatcherNames(): string[] {
  return problemMatchers().map((m) => '$' + m.name);
}
