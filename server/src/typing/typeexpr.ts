import type { SyntaxNode as Node } from '../syntax/tree';
import { TVar, Type, UNKNOWN, arrow, con, newVar, optionOf, tuple, variant } from './types';

/** Finds the canonical path and arity of a type name written as `A.B.t`; null if unknown. */
export type TypeResolver = (qualifiers: string[], name: string) => { path: string } | null;

export interface TypeExprContext {
  resolve: TypeResolver;
  /** Variables by name (`'a`), shared across one declaration or annotation. */
  vars: Map<string, TVar>;
  level: number;
  /** Called for names that do not resolve; they become unknown. */
  onUnresolved?: (node: Node, name: string) => void;
}

function pathParts(node: Node): string[] {
  return node.text
    .split('.')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Converts a type expression of either OCaml grammar into a checker type. */
export function typeOfTypeExpr(node: Node, ctx: TypeExprContext): Type {
  switch (node.type) {
    case 'type_variable': {
      const name = node.text.replace(/^'/, '');
      if (name === '_') return newVar(ctx.level);
      let v = ctx.vars.get(name);
      if (!v) {
        v = newVar(ctx.level, name);
        ctx.vars.set(name, v);
      }
      return v;
    }
    case 'type_constructor_path':
      return constructed(node, [], ctx);
    case 'constructed_type': {
      const kids = node.namedChildren.filter((c): c is Node => c !== null);
      const head = kids[kids.length - 1];
      if (!head || head.type !== 'type_constructor_path') return UNKNOWN;
      const args = kids.slice(0, -1).map((k) => typeOfTypeExpr(k, ctx));
      return constructed(head, args, ctx);
    }
    case 'parenthesized_type': {
      const inner = node.namedChildren.find((c) => c !== null);
      return inner ? typeOfTypeExpr(inner, ctx) : UNKNOWN;
    }
    case 'function_type': {
      const domain = node.childForFieldName('domain');
      const codomain = node.childForFieldName('codomain');
      if (!domain || !codomain) return UNKNOWN;
      const result = typeOfTypeExpr(codomain, ctx);
      if (domain.type === 'labeled_argument_type') {
        const label = domain.namedChildren.find((c) => c?.type === 'label_name')?.text ?? '';
        const optional = domain.child(0)?.type === '?';
        const inner = domain.childForFieldName('type');
        const t = inner ? typeOfTypeExpr(inner, ctx) : UNKNOWN;
        return arrow(optional ? optionOf(t) : t, result, label, optional);
      }
      return arrow(typeOfTypeExpr(domain, ctx), result);
    }
    case 'tuple_type':
      return tuple(
        node.namedChildren.filter((c): c is Node => c !== null).map((c) => typeOfTypeExpr(c, ctx)),
      );
    case 'polymorphic_variant_type':
      return polymorphicVariant(node, ctx);
    default:
      return UNKNOWN;
  }
}

function constructed(pathNode: Node, args: Type[], ctx: TypeExprContext): Type {
  const parts = pathParts(pathNode);
  const name = parts.pop();
  if (!name) return UNKNOWN;
  const found = ctx.resolve(parts, name);
  if (!found) {
    ctx.onUnresolved?.(pathNode, [...parts, name].join('.'));
    return UNKNOWN;
  }
  return con(found.path, args);
}

function polymorphicVariant(node: Node, ctx: TypeExprContext): Type {
  const opener = node.child(0)?.type ?? '[';
  const fields = new Map<string, Type | null>();
  const lower = new Set<string>();
  let afterGreater = false;
  const present = new Set<string>();
  for (const child of node.children) {
    if (!child) continue;
    if (child.type === '>' && opener === '[<') {
      afterGreater = true;
      continue;
    }
    if (child.type === 'tag') {
      const tag = child.text.replace(/^`/, '');
      if (afterGreater) present.add(tag);
      else fields.set(tag, null);
    } else if (child.type === 'tag_specification') {
      const tagNode = child.namedChildren.find((c) => c?.type === 'tag');
      if (!tagNode) continue;
      const tag = tagNode.text.replace(/^`/, '');
      const argNode = child.namedChildren.find((c) => c && c.type !== 'tag');
      fields.set(tag, argNode ? typeOfTypeExpr(argNode, ctx) : null);
    } else if (child.isNamed) {
      // An inherited type (`[ t | `A ]`): too rich for us, so stay silent.
      return UNKNOWN;
    }
  }
  const tags = new Set(fields.keys());
  if (opener === '[>') return variant(fields, tags, null, ctx.level);
  if (opener === '[<') {
    for (const p of present) lower.add(p);
    return variant(fields, lower, tags, ctx.level);
  }
  return variant(fields, new Set(tags), tags, ctx.level);
}
