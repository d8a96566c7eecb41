/**
 * The API eras we model. Each era has one signature file, describing the newest release of
 * that range; a config.ml is checked against the era its version line (or the installed
 * mirage) selects.
 */

export type Version = readonly [number, number, number];

export interface Era {
  readonly id: string;
  readonly file: string;
  /** The release whose API the signature file describes. */
  readonly release: string;
  readonly from: Version;
  /** Exclusive. */
  readonly until: Version;
}

export const ERAS: readonly Era[] = [
  { id: '4.4', file: 'mirage-4.4.mli', release: '4.4.2', from: [4, 0, 0], until: [4, 5, 0] },
  { id: '4.8', file: 'mirage-4.8.mli', release: '4.8.2', from: [4, 5, 0], until: [4, 9, 0] },
  { id: '4.9', file: 'mirage-4.9.mli', release: '4.9.0', from: [4, 9, 0], until: [4, 10, 0] },
  { id: '4.10', file: 'mirage-4.10.mli', release: '4.10.0', from: [4, 10, 0], until: [4, 11, 0] },
  { id: '4.11', file: 'mirage-4.11.mli', release: '4.11.1', from: [4, 11, 0], until: [4, 12, 0] },
];

export const NEWEST = ERAS[ERAS.length - 1];

export function parseVersion(text: string): Version | null {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text.trim());
  if (!m) return null;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

export function formatVersion(v: Version): string {
  return v.join('.');
}

/** The era a release belongs to; releases before 4.0 get the oldest, later ones the newest. */
export function eraOfVersion(v: Version): Era {
  for (const era of ERAS) {
    if (compareVersions(v, era.from) >= 0 && compareVersions(v, era.until) < 0) return era;
  }
  return compareVersions(v, ERAS[0].from) < 0 ? ERAS[0] : NEWEST;
}

export function eraById(id: string): Era | undefined {
  return ERAS.find((e) => e.id === id || e.release === id);
}

/**
 * The era for a bound `lower <= v < upper`: the newest one whose modelled release satisfies
 * it, else the newest whose range of releases meets it (`< 4.8.0` means 4.5–4.7: the 4.8 era).
 */
export function newestEraWithin(lower: Version | null, upper: Version | null): Era | null {
  for (let i = ERAS.length - 1; i >= 0; i--) {
    const v = parseVersion(ERAS[i].release)!;
    if (lower && compareVersions(v, lower) < 0) continue;
    if (upper && compareVersions(v, upper) >= 0) continue;
    return ERAS[i];
  }
  for (let i = ERAS.length - 1; i >= 0; i--) {
    const era = ERAS[i];
    if (lower && compareVersions(era.until, lower) <= 0) continue;
    if (upper && compareVersions(era.from, upper) >= 0) continue;
    return era;
  }
  return null;
}
