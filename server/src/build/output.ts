/**
 * Reads what `mirage configure`, `make depend` and `make build` print: OCaml compiler errors
 * and warnings, dune errors, and mirage's own failures. Pure: text in, messages out;
 * `locate.ts` turns them into LSP diagnostics on files.
 */

export type MessageKind =
  | 'syntax'
  | 'unbound'
  | 'label'
  | 'arity'
  | 'type'
  | 'warning'
  | 'alert'
  | 'dune'
  | 'target'
  | 'version'
  | 'runtime'
  | 'cli'
  | 'tool';

/** A location as OCaml prints it: 1-based lines, byte columns (end on `endLine`). */
export interface SourceSpan {
  readonly file: string;
  readonly line: number;
  readonly endLine: number;
  readonly startByte: number;
  readonly endByte: number;
}

export interface ToolMessage {
  readonly severity: 'error' | 'warning';
  readonly kind: MessageKind;
  /** null: the tool gave no location (mirage's own failures, dune errors without a file). */
  readonly span: SourceSpan | null;
  /** First line, without the `Error: ` prefix (warnings keep `Warning N [name]:`). */
  readonly message: string;
  /** The whole text, continuation lines included. */
  readonly fullMessage: string;
  /** `warning 8 [partial-match]`, `alert deprecated`, ... */
  readonly code?: string;
  /** Secondary locations (`This '(' might be unmatched`). */
  readonly related: { span: SourceSpan; message: string }[];
}

// `File "config.ml", line 5, characters 41-56:` / `lines 4-6, characters 8-21:` / `line 3:`
const LOCATION =
  /^File "([^"]+)", (?:line (\d+)|lines (\d+)-(\d+))(?:, characters (\d+)-(\d+))?(?:, .*)?:\s*$/;
// The source excerpt OCaml prints under a location: `5 | code`, carets, elisions.
const EXCERPT = /^\s*\d+ \| |^\s*\^+\s*$|^\s*\.\.\.\s*$/;
const ERROR = /^Error: ?(.*)$/;
const ERROR_AS = /^Error \((warning (\d+)(?: \[([\w-]+)\])?|alert ([\w-]+))\): ?(.*)$/;
const WARNING = /^Warning (\d+)(?: \[([\w-]+)\])?: ?(.*)$/;
const ALERT = /^Alert ([\w-]+): ?(.*)$/;

/** Lines that end a message and carry nothing themselves (wrappers' echoes, banners). */
const NOISE = [
  /^run \[/, // mirage echoing the dune command it ran (continues on indented lines)
  /^Successfully configured the unikernel/,
  /^adding unit argument to /,
  /^Your unikernel binary is now ready/,
  /^Execute the binary using /,
  /^Usage: /,
  /^Try '.*--help'/,
  /^make(\[\d+\])?: /,
  /^exit code: \d+$/,
  /^\$ /,
  /^\(cd _build\//, // dune echoing a failed action
];

const VERSION = [
  /^Version mismatch: /,
  /^Unknown first line, must be /,
  /^only digits and \. allowed in version/,
];
const TARGET = [
  /^Qubes DB invoked for an unsupported target/,
  /^XenStore IDs are only valid ways/,
  /^Unix resolver not supported/,
  /^(UDP|TCP)v4v6 socket not supported/,
];
const TOOL = [/^configuration file .* missing/, /^cannot find file /];

// Terminal colours and carriage returns: dune and mirage colour their output on a tty.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

export function cleanOutput(text: string): string {
  return text.replace(ANSI, '').replace(/\r\n?/g, '\n');
}

function ocamlKind(first: string, full: string): MessageKind {
  if (/^(Syntax error|String literal not terminated|Comment not terminated|Illegal)/.test(first))
    return 'syntax';
  if (/^Unbound /.test(first)) return 'unbound';
  if (/cannot be applied with(out)? label/.test(full)) return 'label';
  if (/applied to too many arguments|This is not a function|cannot be applied$/m.test(full))
    return 'arity';
  // `(a -> job) impl` where `job impl` was expected (or the reverse): a `$` too many or too few.
  const flat = full.replace(/\s+/g, ' ');
  const m = /has type (.+?) but an expression was expected of type (.+?)(?: Type |$)/.exec(flat);
  const functorImpl = (t: string) => /^\(.*->.*\) impl$/.test(t);
  if (m && / impl$/.test(m[1]) && / impl$/.test(m[2]) && functorImpl(m[1]) !== functorImpl(m[2]))
    return 'arity';
  return 'type';
}

/** OCaml indents continuations of `Error: ` by its width; keep only the relative indent. */
function dedent(line: string): string {
  const indent = /^ */.exec(line)![0].length;
  return line.slice(Math.min(indent, 7));
}

interface Open {
  severity: 'error' | 'warning';
  kind: MessageKind;
  span: SourceSpan | null;
  lines: string[];
  code?: string;
  /** The first line when it differs from the printed one (`Error (alert x): m` → `Alert x: m`). */
  message?: string;
  related: { span: SourceSpan; message: string }[];
  /** A related location's text rather than a message of its own. */
  relatedOf?: Open;
  /** Which lines continue it: OCaml's run on until a known line, the others only indented. */
  continues: 'ocaml' | 'indented';
  /** Drop it (noise block swallowing its indented continuation). */
  noise?: boolean;
}

function spanOf(m: RegExpExecArray): SourceSpan {
  const line = Number(m[2] ?? m[3]);
  const endLine = Number(m[2] ?? m[4]);
  return {
    file: m[1],
    line,
    endLine,
    startByte: m[5] === undefined ? 0 : Number(m[5]),
    endByte: m[6] === undefined ? 0 : Number(m[6]),
  };
}

/** Parses a tool's combined output into messages, in order, without duplicates. */
export function parseToolOutput(raw: string): ToolMessage[] {
  const out: ToolMessage[] = [];
  const seen = new Set<string>();
  let current: Open | null = null;
  let lastMessage: Open | null = null;
  let pendingSpan: SourceSpan | null = null;

  const flush = () => {
    const c = current;
    current = null;
    if (!c || c.noise) return;
    // cmdliner wraps its one-sentence errors at 80 columns: unwrap them.
    const text = (
      c.kind === 'cli' ? c.lines.map((l) => l.trim()).join(' ') : c.lines.join('\n')
    ).trimEnd();
    if (c.relatedOf) {
      if (c.span) c.relatedOf.related.push({ span: c.span, message: text.trim() });
      return;
    }
    const message = c.message ?? c.lines[0] ?? '';
    // A located error in a dune file is dune's, not the compiler's.
    const kind =
      c.kind !== 'type'
        ? c.kind
        : c.span && !/\.mli?$/.test(c.span.file)
          ? 'dune'
          : ocamlKind(message, text);
    const key = JSON.stringify([c.severity, c.span, text]);
    if (seen.has(key)) return;
    seen.add(key);
    const msg: ToolMessage = {
      severity: c.severity,
      kind,
      span: c.span,
      message,
      fullMessage: text,
      related: c.related,
      ...(c.code ? { code: c.code } : {}),
    };
    out.push(msg);
    lastMessage = c;
  };

  const start = (o: Omit<Open, 'related'>) => {
    flush();
    current = { ...o, related: [] };
  };

  for (const line of cleanOutput(raw).split('\n')) {
    const loc = LOCATION.exec(line);
    if (loc) {
      flush();
      pendingSpan = spanOf(loc);
      continue;
    }
    if (pendingSpan && EXCERPT.test(line)) continue;
    const span = pendingSpan;
    pendingSpan = null;

    let m: RegExpExecArray | null;
    if ((m = ERROR_AS.exec(line))) {
      const isWarning = m[2] !== undefined;
      const head = isWarning
        ? `Warning ${m[2]}${m[3] ? ` [${m[3]}]` : ''}: ${m[5]}`
        : `Alert ${m[4]}: ${m[5]}`;
      start({
        severity: 'error',
        kind: isWarning ? 'warning' : 'alert',
        span,
        lines: [line],
        message: head,
        code: m[1],
        continues: 'ocaml',
      });
    } else if ((m = ERROR.exec(line))) {
      start({
        severity: 'error',
        kind: span ? 'type' : 'dune',
        span,
        lines: [m[1]],
        continues: span ? 'ocaml' : 'indented',
      });
    } else if ((m = WARNING.exec(line))) {
      start({
        severity: 'warning',
        kind: 'warning',
        span,
        lines: [line],
        code: `warning ${m[1]}${m[2] ? ` [${m[2]}]` : ''}`,
        continues: 'ocaml',
      });
    } else if ((m = ALERT.exec(line))) {
      start({
        severity: 'warning',
        kind: 'alert',
        span,
        lines: [line],
        code: `alert ${m[1]}`,
        continues: 'ocaml',
      });
    } else if (span && /^\s+\S/.test(line) && lastMessage) {
      // A location followed by an indented text: a secondary location of the last message.
      flush();
      current = {
        severity: 'error',
        kind: 'type',
        span,
        lines: [line.trim()],
        related: [],
        relatedOf: lastMessage,
        continues: 'indented',
      };
    } else if (/^Fatal error: exception /.test(line)) {
      const target = /not supported on/.test(line);
      start({
        severity: 'error',
        kind: target ? 'target' : 'runtime',
        span: null,
        lines: [line],
        continues: 'indented',
      });
    } else if ((m = /^mirage: (?:\[(WARNING|ERROR|INFO|DEBUG)\] )?(.*)$/.exec(line))) {
      const level = m[1];
      if (level === 'INFO' || level === 'DEBUG') start(noiseBlock());
      else
        start({
          severity: level === 'WARNING' ? 'warning' : 'error',
          kind: level ? 'tool' : 'cli',
          span: null,
          lines: [line],
          continues: 'indented',
        });
    } else if (VERSION.some((r) => r.test(line))) {
      start({
        severity: 'error',
        kind: 'version',
        span: null,
        lines: [line],
        continues: 'indented',
      });
    } else if (TARGET.some((r) => r.test(line))) {
      start({
        severity: 'error',
        kind: 'target',
        span: null,
        lines: [line],
        continues: 'indented',
      });
    } else if (TOOL.some((r) => r.test(line))) {
      start({ severity: 'error', kind: 'tool', span: null, lines: [line], continues: 'indented' });
    } else if (NOISE.some((r) => r.test(line)) || line.trim() === '') {
      start(noiseBlock());
    } else if (current) {
      const c: Open = current;
      // dune lists the targets that needed the failed one as `-> required by ...`.
      if (c.continues === 'ocaml' || /^(\s|-> )/.test(line)) c.lines.push(dedent(line));
      else flush();
    }
  }
  flush();
  return out;
}

function noiseBlock(): Omit<Open, 'related'> {
  return {
    severity: 'error',
    kind: 'tool',
    span: null,
    lines: [],
    continues: 'indented',
    noise: true,
  };
}

/**
 * When a step fails and nothing in its output looks like an error, the last lines say why
 * (an unknown mirage message, a linker error, opam's complaint).
 */
export function fallbackMessage(raw: string, step: string, exitCode: number): ToolMessage {
  const lines = cleanOutput(raw)
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^exit code: \d+$/.test(l) && !/^\$ /.test(l));
  const tail = lines.slice(-6).join('\n');
  const message = `${step} failed with exit code ${exitCode}`;
  return {
    severity: 'error',
    kind: 'tool',
    span: null,
    message,
    fullMessage: tail ? `${message}:\n${tail}` : message,
    related: [],
  };
}
