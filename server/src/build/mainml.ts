/**
 * Generated `mirage/main.ml` back to config.ml: which `main "Module"` produced a line.
 *
 * main.ml applies each functor once (`module App_make__10 = App.Make(...)`, or `Unikernel1 =
 * Unikernel.Main(...)` before 4.5) and starts it in a lazy binding (`App_make__10.start ...`).
 * An error on a line is traced to the top-level item holding it, then to the functor path,
 * which is the string config.ml gave to `main`.
 */

const MODULE_DEF = /^module\s+([A-Z]\w*)\s*=\s*([A-Z][\w.]*?)\s*(?:\(|$)/;
const ITEM_START = /^(let|module|type|open)\b/;
const DIRECTIVE = /^#\s*\d+\s+"/;

/** Functor paths (`Unikernel.Main`) the item at `line` (1-based) comes from, best first. */
export function mainMlOrigins(mainText: string, line: number): string[] {
  const lines = mainText.split(/\r?\n/);
  const modules = new Map<string, string>();
  for (const l of lines) {
    const m = MODULE_DEF.exec(l);
    if (m) modules.set(m[1], m[2]);
  }
  const at = Math.min(Math.max(line - 1, 0), lines.length - 1);
  let first = at;
  while (first > 0 && !ITEM_START.test(lines[first])) first--;
  let last = at + 1;
  while (last < lines.length && !ITEM_START.test(lines[last]) && !DIRECTIVE.test(lines[last]))
    last++;
  const item = lines.slice(first, last).join('\n');

  const found: string[] = [];
  const add = (p: string | undefined) => {
    if (p && !found.includes(p)) found.push(p);
  };
  const def = MODULE_DEF.exec(lines[first] ?? '');
  if (def) add(def[2]);
  // `let app_make__10 = lazy (...)` starts the module `App_make__10`.
  const binding = /^let\s+([a-z]\w*)\s*=/.exec(lines[first] ?? '');
  if (binding) add(modules.get(binding[1].charAt(0).toUpperCase() + binding[1].slice(1)));
  for (const m of item.matchAll(/\b([A-Z][\w]*(?:\.[A-Z]\w*)*)\.start\b/g)) {
    add(modules.get(m[1]) ?? m[1]);
  }
  for (const m of item.matchAll(/\b([A-Z]\w*)\b/g)) add(modules.get(m[1]));
  return found;
}

/** Whether a path names the generated main.ml (dune reports it either way). */
export function isGeneratedMain(file: string): boolean {
  return /^(\.\/)?(mirage\/)?main\.ml$/.test(file);
}
