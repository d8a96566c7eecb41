import type { SyntaxNode as Node, SyntaxTree as Tree } from '../syntax/tree';
import { CtorInfo, ModuleSig } from '../typing/env';
import { TypeExprContext, typeOfTypeExpr } from '../typing/typeexpr';
import { GENERIC, TVar, Type, con, newVar } from '../typing/types';
import { TypeTable } from '../typing/unify';

/**
 * Turns our `.mli` signature files into module signatures. Each file is a root: its top-level
 * items form a module (`Stdlib`, `Mirage`) or, for a library file, a set of top-level modules.
 */

export interface SignatureFile {
  /** The module the file's top level describes; '' when the file only holds modules. */
  readonly root: string;
  /** Prefix of canonical type paths declared at the file's top level. */
  readonly typePrefix: string;
  readonly tree: Tree;
  /**
   * Only take the file's values, into an existing root of the same name: how an installed
   * mirage.mli refines ours without replacing the types the checker relies on.
   */
  readonly valuesOnly?: boolean;
}

export interface LoadedSignatures {
  readonly table: TypeTable;
  /** Roots by name: `Stdlib`, `Mirage` and each top-level library module. */
  readonly roots: Map<string, ModuleSig>;
  /** Type names that did not resolve: a bug in a signature file. */
  readonly problems: string[];
}

interface Scope {
  readonly module: ModuleSig;
  readonly parent: Scope | null;
  /** Prefix of the canonical paths of types declared in this module. */
  readonly prefix: string;
}

const typePathsOf = new WeakMap<ModuleSig, Map<string, string>>();

function typePaths(m: ModuleSig): Map<string, string> {
  let map = typePathsOf.get(m);
  if (!map) {
    map = new Map();
    typePathsOf.set(m, map);
  }
  return map;
}

function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null);
}

function signatureItems(node: Node): Node[] {
  // compilation_unit or signature: comments are interleaved as extras.
  return namedChildren(node);
}

function moduleTypeBody(binding: Node): Node | null {
  const mt = binding.childForFieldName('module_type');
  return mt && mt.type === 'signature' ? mt : null;
}

/** Pass 1: creates modules and gives every declared type its canonical path. */
function declare(items: Node[], scope: Scope, valuesOnly = false): void {
  for (const item of items) {
    if (valuesOnly && item.type !== 'module_definition') continue;
    if (item.type === 'floating_attribute') {
      if (item.text.includes('mirage.partial')) scope.module.partial = true;
    } else if (item.type === 'type_definition') {
      for (const b of namedChildren(item)) {
        if (b.type !== 'type_binding') continue;
        const name = b.childForFieldName('name')?.text;
        if (name) typePaths(scope.module).set(name, scope.prefix + name);
      }
    } else if (item.type === 'module_definition') {
      const binding = namedChildren(item).find((c) => c.type === 'module_binding');
      const name = binding?.namedChildren.find((c) => c?.type === 'module_name')?.text;
      const body = binding ? moduleTypeBody(binding) : null;
      if (!name || !body) continue;
      const path = scope.module.path ? `${scope.module.path}.${name}` : name;
      const sub = scope.module.modules.get(name) ?? new ModuleSig(path);
      scope.module.modules.set(name, sub);
      declare(signatureItems(body), {
        module: sub,
        parent: scope,
        prefix: `${scope.prefix}${name}.`,
      });
    }
  }
}

function findModule(scope: Scope | null, name: string, roots: Map<string, ModuleSig>) {
  for (let s = scope; s; s = s.parent) {
    const m = s.module.modules.get(name);
    if (m) return m;
  }
  return roots.get(name) ?? null;
}

function makeResolver(scope: Scope, roots: Map<string, ModuleSig>, fallbacks: ModuleSig[]) {
  return (qualifiers: string[], name: string): { path: string } | null => {
    if (qualifiers.length === 0) {
      for (let s: Scope | null = scope; s; s = s.parent) {
        const p = typePaths(s.module).get(name);
        if (p) return { path: p };
      }
      for (const f of fallbacks) {
        const p = typePaths(f).get(name);
        if (p) return { path: p };
      }
      return null;
    }
    let m = findModule(scope, qualifiers[0], roots);
    for (const q of qualifiers.slice(1)) m = m?.modules.get(q) ?? null;
    const p = m ? typePaths(m).get(name) : undefined;
    return p ? { path: p } : null;
  };
}

function docBefore(item: Node): string | undefined {
  const prev = item.previousSibling;
  if (prev && prev.type === 'comment' && prev.text.startsWith('(**')) {
    return prev.text
      .replace(/^\(\*\*\s*/, '')
      .replace(/\s*\*\)$/, '')
      .replace(/\s+/g, ' ');
  }
  return undefined;
}

function deprecation(item: Node): string | undefined {
  for (const attr of namedChildren(item)) {
    if (attr.type !== 'item_attribute') continue;
    const id = attr.namedChildren.find((c) => c?.type === 'attribute_id')?.text;
    if (id !== 'deprecated' && id !== 'ocaml.deprecated') continue;
    const payload = attr.descendantsOfType('string_content')[0];
    return payload?.text ?? 'deprecated';
  }
  return undefined;
}

/** Pass 2: types, constructors and values. */
function define(
  items: Node[],
  scope: Scope,
  roots: Map<string, ModuleSig>,
  fallbacks: ModuleSig[],
  table: TypeTable,
  problems: string[],
  valuesOnly = false,
): void {
  const resolve = makeResolver(scope, roots, fallbacks);
  const ctx = (vars = new Map<string, TVar>()): TypeExprContext => ({
    resolve,
    vars,
    level: GENERIC,
    onUnresolved: (node, name) =>
      problems.push(
        `${scope.module.path || '(top)'}: unknown type ${name} at line ${node.startPosition.row + 1}`,
      ),
  });
  for (const item of items) {
    if (
      valuesOnly &&
      item.type !== 'value_specification' &&
      item.type !== 'external' &&
      item.type !== 'module_definition'
    ) {
      continue;
    }
    switch (item.type) {
      case 'type_definition':
        for (const b of namedChildren(item))
          if (b.type === 'type_binding') defineType(b, scope, ctx, table);
        break;
      case 'exception_definition': {
        const decl = namedChildren(item).find((c) => c.type === 'constructor_declaration');
        if (decl) addCtor(decl, scope.module, [], con('exn'), ctx());
        break;
      }
      case 'value_specification':
      case 'external': {
        const nameNode = namedChildren(item).find(
          (c) => c.type === 'value_name' || c.type === 'parenthesized_operator',
        );
        const typeNode = item.childForFieldName('type');
        if (!nameNode || !typeNode) break;
        const name = operatorName(nameNode);
        scope.module.values.set(name, {
          name,
          type: typeOfTypeExpr(typeNode, ctx()),
          module: scope.module.path,
          doc: docBefore(item),
          deprecated: deprecation(item),
        });
        break;
      }
      case 'module_definition': {
        const binding = namedChildren(item).find((c) => c.type === 'module_binding');
        const name = binding?.namedChildren.find((c) => c?.type === 'module_name')?.text;
        const body = binding ? moduleTypeBody(binding) : null;
        const sub = name ? scope.module.modules.get(name) : undefined;
        if (!body || !sub || !name) break;
        define(
          signatureItems(body),
          { module: sub, parent: scope, prefix: `${scope.prefix}${name}.` },
          roots,
          fallbacks,
          table,
          problems,
          valuesOnly,
        );
        break;
      }
    }
  }
}

/** `( @-> )` is the value `@->`. */
export function operatorName(node: Node): string {
  if (node.type !== 'parenthesized_operator') return node.text;
  return node.text.replace(/^\(\s*/, '').replace(/\s*\)$/, '');
}

function defineType(
  binding: Node,
  scope: Scope,
  ctx: (vars?: Map<string, TVar>) => TypeExprContext,
  table: TypeTable,
): void {
  const name = binding.childForFieldName('name')?.text;
  if (!name) return;
  const vars = new Map<string, TVar>();
  const params: TVar[] = [];
  for (const c of namedChildren(binding)) {
    if (c.type !== 'type_variable') continue;
    const v = newVar(GENERIC, c.text.replace(/^'/, ''));
    vars.set(c.text.replace(/^'/, ''), v);
    params.push(v);
  }
  const path = scope.prefix + name;
  const equation = binding.childForFieldName('equation');
  const manifest: Type | null = equation ? typeOfTypeExpr(equation, ctx(vars)) : null;
  const display = scope.prefix.startsWith('Stdlib.') ? path.slice(7) : path;
  table.add({ path, display, params, manifest });
  scope.module.types.set(name, table.get(path)!);
  const body = binding.childForFieldName('body');
  if (body && body.type === 'variant_declaration') {
    const result = con(path, params);
    for (const decl of namedChildren(body)) {
      if (decl.type === 'constructor_declaration')
        addCtor(decl, scope.module, params, result, ctx(vars));
    }
  }
}

function addCtor(
  decl: Node,
  module: ModuleSig,
  params: TVar[],
  result: Type,
  ctx: TypeExprContext,
): void {
  const kids = namedChildren(decl);
  const nameNode = kids.find((c) => c.type === 'constructor_name');
  if (!nameNode) return;
  const argNodes = kids.filter((c) => c !== nameNode && c.type !== 'record_declaration');
  let arg: Type | null = null;
  if (argNodes.length === 1) arg = typeOfTypeExpr(argNodes[0], ctx);
  else if (argNodes.length > 1)
    arg = { k: 'tuple', items: argNodes.map((a) => typeOfTypeExpr(a, ctx)) };
  const info: CtorInfo = { name: nameNode.text, params, arg, result };
  module.ctors.set(nameNode.text, info);
}

/**
 * Loads signature files in order; later files may refer to types of earlier ones (the
 * stdlib first, then libraries, then Mirage). Unqualified type names fall back to the
 * roots listed in `openRoots` (Stdlib's `int`, `list`, ...).
 */
export function loadSignatures(files: SignatureFile[], openRoots: string[]): LoadedSignatures {
  const table = new TypeTable();
  const roots = new Map<string, ModuleSig>();
  const problems: string[] = [];
  const scopes: { file: SignatureFile; scope: Scope; items: Node[] }[] = [];
  for (const file of files) {
    const top = (file.valuesOnly && file.root && roots.get(file.root)) || new ModuleSig(file.root);
    const scope: Scope = { module: top, parent: null, prefix: file.typePrefix };
    const items = signatureItems(file.tree.rootNode);
    declare(items, scope, file.valuesOnly);
    if (file.root) roots.set(file.root, top);
    else for (const [name, m] of top.modules) roots.set(name, m);
    scopes.push({ file, scope, items });
  }
  const fallbacks = openRoots.map((r) => roots.get(r)).filter((m): m is ModuleSig => !!m);
  for (const { file, scope, items } of scopes) {
    define(items, scope, roots, fallbacks, table, problems, file.valuesOnly);
  }
  return { table, roots, problems };
}
