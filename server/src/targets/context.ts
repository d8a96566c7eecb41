import { TARGETS } from './targets';

/**
 * `mirage/context`: the arguments of the last `mirage configure`, one per line, starting
 * with `configure` (e.g. `configure`, `-t`, `hvt`, `--net=host`).
 */
export interface ConfigureContext {
  readonly target: string | null;
  readonly flags: Map<string, string | true>;
  /** Why the file could not be used as is; the caller falls back to the default target. */
  readonly problem: string | null;
}

export function parseContext(text: string): ConfigureContext {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const flags = new Map<string, string | true>();
  if (lines.length === 0) return { target: null, flags, problem: 'mirage/context is empty' };
  if (lines[0] !== 'configure') {
    return {
      target: null,
      flags,
      problem: 'mirage/context does not start with `configure`: it is not a saved configuration',
    };
  }
  let target: string | null = null;
  let problem: string | null = null;
  for (let i = 1; i < lines.length; i++) {
    const arg = lines[i];
    let name: string;
    let value: string | true;
    if (arg === '-t' || arg === '--target') {
      name = 'target';
      value = lines[i + 1] ?? true;
      i++;
    } else if (arg.startsWith('--target=') || (arg.startsWith('-t') && arg.length > 2)) {
      name = 'target';
      value = arg.startsWith('--') ? arg.slice('--target='.length) : arg.slice(2).replace(/^=/, '');
    } else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.slice(2, eq);
        value = arg.slice(eq + 1);
      } else {
        name = arg.slice(2);
        const next = lines[i + 1];
        value = next !== undefined && !next.startsWith('-') ? (i++, next) : true;
      }
    } else continue;
    if (name === 'target') {
      if (value === true || !TARGETS.some((t) => t.name === value)) {
        problem = `mirage/context names an unknown target \`${value === true ? '' : value}\``;
      } else target = value;
    } else flags.set(name, value);
  }
  return { target, flags, problem };
}
