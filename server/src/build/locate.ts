import { isAbsolute, join } from 'node:path';
import {
  Diagnostic,
  DiagnosticRelatedInformation,
  DiagnosticSeverity,
  Range,
} from 'vscode-languageserver-types';
import { pathToFileURL } from 'node:url';
import { ConfigFacts, findIdentifier } from './facts';
import { isGeneratedMain, mainMlOrigins } from './mainml';
import { SourceSpan, ToolMessage } from './output';

/** What placing messages needs: the project, its files' text, the facts of config.ml. */
export interface LocateContext {
  /** The unikernel directory the tool ran in. */
  readonly dir: string;
  /** Text of a file (absolute path), or null when it does not exist. */
  readonly readText: (path: string) => string | null;
  /** Facts of config.ml, when it parsed. */
  readonly facts: ConfigFacts | null;
  /** `source` of the diagnostics: the step that printed them. */
  readonly source: string;
}

/** Diagnostics by absolute file path. */
export type FileDiagnostics = Map<string, Diagnostic[]>;

/** Column of a byte offset in a line: OCaml counts UTF-8 bytes, LSP counts UTF-16 units. */
export function utf16Column(lineText: string, byte: number): number {
  let bytes = 0;
  let i = 0;
  while (i < lineText.length && bytes < byte) {
    const cp = lineText.codePointAt(i)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp >= 0x10000 ? 2 : 1;
  }
  return i;
}

/** The LSP range of an OCaml span in a text; positions past the end are clamped to it. */
export function spanRange(text: string | null, span: SourceSpan): Range {
  if (text === null) {
    return {
      start: { line: span.line - 1, character: span.startByte },
      end: { line: span.endLine - 1, character: span.endByte },
    };
  }
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const at = (line: number, byte: number) => {
    if (line - 1 >= lines.length) {
      // `line N+1, characters 0-0`: the end of the input.
      const last = lines.length - 1;
      return { line: last, character: lines[last].length };
    }
    const l = Math.max(line - 1, 0);
    return { line: l, character: utf16Column(lines[l], byte) };
  };
  return { start: at(span.line, span.startByte), end: at(span.endLine, span.endByte) };
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning };

/** Where config.ml says what a tool-level message is about (the conformance anchors). */
function anchorOf(msg: ToolMessage, facts: ConfigFacts): Range | null {
  if (msg.kind === 'version') return facts.firstLine;
  const text = msg.fullMessage;
  const byName = (...names: string[]) => {
    for (const n of names) {
      const r = findIdentifier(facts, n);
      if (r) return r;
    }
    return null;
  };
  let m: RegExpExecArray | null;
  if (/Qubes DB invoked/.test(text))
    return byName('default_qubesdb', 'ipv4_qubes', 'qubes_ipv4_stack', 'generic_stackv4v6');
  if (/XenStore IDs/.test(text)) return byName('block_of_xenstore_id', 'generic_block');
  if (/Unix resolver/.test(text)) return byName('resolver_unix_system');
  if (/v4v6 socket not supported/.test(text))
    return byName('socket_stackv4v6', 'generic_stackv4v6', 'tcpv4v6_of_stackv4v6');
  if (/Block devices not supported/.test(text))
    return byName('block_of_file', 'generic_block', 'fat_ro');
  if (/Key\.create: key name/.test(text)) return byName('Key.create');
  if (/Invalid DHCP option/.test(text)) return byName('add_dhcp_request');
  if ((m = /The (\S+) connect expects/.exec(text))) return facts.strings.get(m[1]) ?? null;
  if ((m = /option name --(\S+) defined twice/.exec(text))) return facts.strings.get(m[1]) ?? null;
  if ((m = /option '--(net|block|kv_ro|kv-ro)'/.exec(text)))
    return byName(
      ...({ net: ['generic_stackv4v6'], block: ['generic_block'] }[m[1]] ?? ['generic_kv_ro']),
    );
  return null;
}

function diagnostic(
  msg: ToolMessage,
  range: Range,
  source: string,
  prefix = '',
  related?: DiagnosticRelatedInformation[],
): Diagnostic {
  return {
    range,
    severity: SEVERITY[msg.severity],
    source,
    message: prefix + msg.fullMessage,
    ...(msg.code ? { code: msg.code } : {}),
    ...(related && related.length > 0 ? { relatedInformation: related } : {}),
    data: { kind: msg.kind },
  };
}

/** Places every message on a file: the one it names, or config.ml for what it came from. */
export function locateMessages(
  messages: readonly ToolMessage[],
  ctx: LocateContext,
): FileDiagnostics {
  const out: FileDiagnostics = new Map();
  const configPath = join(ctx.dir, 'config.ml');
  const configText = ctx.readText(configPath);
  const facts = ctx.facts;
  const fallback: Range = facts?.registerRange ??
    facts?.firstLine ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const add = (path: string, d: Diagnostic) => {
    const list = out.get(path) ?? [];
    list.push(d);
    out.set(path, list);
  };
  const resolve = (file: string): string | null => {
    const candidates = isAbsolute(file)
      ? [file]
      : [join(ctx.dir, file), join(ctx.dir, file.replace(/^_build\/[^/]+\//, ''))];
    return candidates.find((p) => ctx.readText(p) !== null) ?? null;
  };
  const relatedOf = (msg: ToolMessage): DiagnosticRelatedInformation[] =>
    msg.related.flatMap((r) => {
      const path = resolve(r.span.file);
      if (!path) return [];
      return [
        {
          location: {
            uri: pathToFileURL(path).toString(),
            range: spanRange(ctx.readText(path), r.span),
          },
          message: r.message,
        },
      ];
    });

  for (const msg of messages) {
    const span = msg.span;
    if (!span) {
      const anchor = facts ? anchorOf(msg, facts) : null;
      add(configPath, diagnostic(msg, anchor ?? fallback, ctx.source));
      continue;
    }
    const mainPath = join(ctx.dir, 'mirage', 'main.ml');
    const rootMain = span.file === 'main.ml' && ctx.readText(join(ctx.dir, 'main.ml')) !== null;
    if (isGeneratedMain(span.file) && !rootMain) {
      const mainText = ctx.readText(mainPath);
      const origins = mainText === null ? [] : mainMlOrigins(mainText, span.line);
      const main = facts?.mains.find((m) => origins.includes(m.module));
      const where: DiagnosticRelatedInformation = {
        location: { uri: pathToFileURL(mainPath).toString(), range: spanRange(mainText, span) },
        message: 'the error is in this generated code',
      };
      add(
        configPath,
        diagnostic(
          msg,
          main?.range ?? fallback,
          ctx.source,
          `In the generated mirage/main.ml, line ${span.line}${main ? ` (from \`main "${main.module}"\`)` : ''}: `,
          [where, ...relatedOf(msg)],
        ),
      );
      continue;
    }
    const path = resolve(span.file);
    if (!path) {
      // Line directives in main.ml point into mirage's own sources (lib/devices/argv.ml):
      // code mirage generated for this config.
      add(
        configPath,
        diagnostic(
          msg,
          fallback,
          ctx.source,
          `In code mirage generated from ${span.file}, line ${span.line}: `,
        ),
      );
      continue;
    }
    const text = path === configPath ? configText : ctx.readText(path);
    add(path, diagnostic(msg, spanRange(text, span), ctx.source, '', relatedOf(msg)));
  }
  return out;
}
