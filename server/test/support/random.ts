/** A small seeded generator (mulberry32), so random tests replay exactly. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  'stack',
  ' $ ',
  '(',
  ')',
  '[',
  ']',
  '"',
  '"tap0"',
  'let x = 1\n',
  '\nlet y = netif "a"\n',
  ';',
  ' ~group:"g" ',
  'default_network',
  'generic_stackv4v6',
  '@->',
  ' job',
  '(*',
  '*)',
  'in',
  '\n',
  '   ',
  'é',
  '😀',
  'Ж',
  '\r\n',
  'let () = register "z" [ main $ stack ]\n',
  'main',
  '`Hvt',
  'Key.(value target)',
  'if_impl',
  '0',
  'open Mirage\n',
];

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** A random edit of `text`: insert a snippet, delete a slice, or replace one. */
export function randomEdit(text: string, random: () => number): Edit {
  const at = Math.floor(random() * (text.length + 1));
  const kind = random();
  const snippet = SNIPPETS[Math.floor(random() * SNIPPETS.length)];
  if (kind < 0.45 || text.length === 0) return { start: at, end: at, text: snippet };
  const len = Math.min(text.length - at, 1 + Math.floor(random() * 12));
  // Never split a surrogate pair: editors send whole UTF-16 characters.
  const fix = (o: number) =>
    o > 0 && o < text.length && /[\uDC00-\uDFFF]/.test(text[o]) ? o - 1 : o;
  const start = fix(at);
  const end = Math.max(start, fix(at + len));
  return { start, end, text: kind < 0.75 ? '' : snippet };
}
