import type { Node, Tree } from 'web-tree-sitter';
import { Range } from 'vscode-languageserver-types';
import { LineIndex } from '../syntax/lines';

/** What the build side needs to know about a config.ml: names and places, from its tree. */
export interface ConfigFacts {
  /** The name given to `register` (the artifact name unless `-o` says otherwise). */
  readonly registerName: string | null;
  /** `register "name"`: where tool errors without a location go. */
  readonly registerRange: Range | null;
  /** Each `main "Module"` / `foreign "Module"` call: the module string and its place. */
  readonly mains: readonly { module: string; range: Range }[];
  /** First place of each value path (`Key.create`, `default_qubesdb`). */
  readonly identifiers: ReadonlyMap<string, Range>;
  /** First place of each string literal, by content. */
  readonly strings: ReadonlyMap<string, Range>;
  /** The first line, where version errors belong. */
  readonly firstLine: Range;
}

const REGISTER = /^(Mirage\s*\.\s*)?register$/;
const MAIN = /^(Mirage\s*\.\s*)?(main|foreign)$/;

function stringContent(node: Node): string | null {
  if (node.type !== 'string') return null;
  const content = node.namedChildren.find((c) => c?.type === 'string_content');
  return content ? content.text : '';
}

function positionalString(app: Node): Node | null {
  for (const arg of app.childrenForFieldName('argument')) {
    if (arg && arg.type === 'string') return arg;
  }
  return null;
}

export function configFacts(text: string, tree: Tree): ConfigFacts {
  const lines = new LineIndex(text);
  const range = (n: Node) => lines.range(n.startIndex, n.endIndex);
  let registerName: string | null = null;
  let registerRange: Range | null = null;
  const mains: { module: string; range: Range }[] = [];
  const identifiers = new Map<string, Range>();
  const strings = new Map<string, Range>();

  // An explicit stack: deep configs must not overflow the JS stack.
  const stack: Node[] = [tree.rootNode];
  const visited: Node[] = [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visited.push(node);
    for (let i = node.namedChildCount - 1; i >= 0; i--) {
      const c = node.namedChild(i);
      if (c && c.type !== 'comment') stack.push(c);
    }
  }
  for (const node of visited) {
    if (node.type === 'value_path') {
      const name = node.text.replace(/\s+/g, '');
      if (!identifiers.has(name)) identifiers.set(name, range(node));
    } else if (node.type === 'string') {
      const s = stringContent(node);
      if (s !== null && !strings.has(s)) strings.set(s, range(node));
    } else if (node.type === 'application_expression') {
      const fn = node.childForFieldName('function');
      if (!fn) continue;
      const name = positionalString(node);
      if (REGISTER.test(fn.text) && registerRange === null) {
        registerName = name ? stringContent(name) : null;
        registerRange = lines.range(fn.startIndex, (name ?? fn).endIndex);
      } else if (MAIN.test(fn.text) && name) {
        mains.push({ module: stringContent(name) ?? '', range: range(name) });
      }
    }
  }
  const firstEnd = text.indexOf('\n');
  return {
    registerName,
    registerRange,
    mains,
    identifiers,
    strings,
    firstLine: lines.range(0, firstEnd === -1 ? text.length : firstEnd),
  };
}

/** A value path by its full name or a qualified suffix (`Key.create` finds `Mirage.Key.create`). */
export function findIdentifier(facts: ConfigFacts, name: string): Range | null {
  const exact = facts.identifiers.get(name);
  if (exact) return exact;
  for (const [k, r] of facts.identifiers) if (k.endsWith('.' + name)) return r;
  return null;
}
