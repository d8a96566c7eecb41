import { Version, compareVersions, formatVersion, parseVersion } from '../signatures/eras';

/**
 * The first-line version bound of a config.ml, `(* mirage >= 4.5.0 & < 4.9.0 *)`, read as the
 * mirage tool reads it: a first line starting with `(* mirage` must be a well-formed bound.
 */
export type VersionLine =
  | { kind: 'none' }
  | { kind: 'bound'; lower: Version | null; upper: Version | null; length: number }
  | { kind: 'malformed'; message: string; length: number };

const UNKNOWN_LINE = 'Unknown first line, must be (* mirage [>= a.b.c] [&] [< d.e.f] *)';

export function readVersionLine(text: string): VersionLine {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const trimmed = firstLine.trimEnd();
  const tokens = trimmed.split(/\s+/).filter((t) => t.length > 0);
  if (tokens[0] !== '(*' || tokens[1] !== 'mirage') return { kind: 'none' };
  const length = trimmed.length;
  const malformed = (message = UNKNOWN_LINE): VersionLine => ({
    kind: 'malformed',
    message,
    length,
  });
  const rest = tokens.slice(2);
  if (rest[rest.length - 1] !== '*)') return malformed();
  const body = rest.slice(0, -1);
  let lower: Version | null = null;
  let upper: Version | null = null;
  let i = 0;
  const version = (tok: string | undefined): Version | string => {
    if (tok === undefined) return UNKNOWN_LINE;
    if (!/^[0-9.]+$/.test(tok)) return 'only digits and . allowed in version';
    return parseVersion(tok) ?? UNKNOWN_LINE;
  };
  if (body[i] === '>=') {
    const v = version(body[i + 1]);
    if (typeof v === 'string') return malformed(v);
    lower = v;
    i += 2;
    if (body[i] === '&') i++;
  }
  if (body[i] === '<') {
    const v = version(body[i + 1]);
    if (typeof v === 'string') return malformed(v);
    upper = v;
    i += 2;
  }
  if (i !== body.length || (!lower && !upper)) return malformed();
  return { kind: 'bound', lower, upper, length };
}

/** The tool's own words when the installed release is outside the bound, else null. */
export function versionMismatch(bound: VersionLine, installed: Version): string | null {
  if (bound.kind !== 'bound') return null;
  const have = formatVersion(installed);
  if (bound.lower && compareVersions(installed, bound.lower) < 0) {
    const want = formatVersion(bound.lower);
    return `Version mismatch: required is mirage >= ${want}, but ${have} is installed. Please upgrade your installation (opam update; opam install 'mirage>=${want}')`;
  }
  if (bound.upper && compareVersions(installed, bound.upper) >= 0) {
    const want = formatVersion(bound.upper);
    return `Version mismatch: required is mirage < ${want}, but ${have} is installed. Please downgrade your installation (opam update; opam install 'mirage<${want}')`;
  }
  return null;
}
