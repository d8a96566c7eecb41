import { SignatureCatalog } from '../signatures/catalog';
import { ERAS, Era } from '../signatures/eras';
import { targetSupport } from '../targets/analysis';
import { ValueInfo } from '../typing/env';

/**
 * What we say about a DSL value in hover and completion: its doc, the targets that reject
 * it, and the releases that have it. Computed once per value and era.
 */
export interface ValueFacts {
  readonly doc?: string;
  readonly deprecated?: string;
  /** Targets where configure fails or the build is known to fail, with the reason. */
  readonly unsupported: ReadonlyMap<string, string>;
  /** e.g. "since mirage 4.5" or "removed in mirage 4.9". */
  readonly history?: string;
}

const cache = new WeakMap<ValueInfo, ValueFacts>();

export function valueFacts(info: ValueInfo, catalog: SignatureCatalog, era: Era): ValueFacts {
  let facts = cache.get(info);
  if (facts) return facts;
  const path = info.module.split('.').slice(1);
  let history: string | undefined;
  if (info.module.startsWith('Mirage')) {
    const having = ERAS.filter((e) => catalog.hasValue(e, path, info.name));
    const first = having[0];
    if (first && first !== ERAS[0]) history = `available since mirage ${first.from.join('.')}`;
    const last = having[having.length - 1];
    if (last && last !== ERAS[ERAS.length - 1] && last.id === era.id) {
      history = `${history ? history + '; ' : ''}removed after mirage ${last.release}`;
    }
  }
  facts = {
    doc: info.doc,
    deprecated: info.deprecated,
    unsupported: info.module === 'Mirage' ? targetSupport(info.name, era.id) : new Map(),
    history,
  };
  cache.set(info, facts);
  return facts;
}

/** Markdown lines for the facts (doc, targets, history). */
export function factsMarkdown(facts: ValueFacts): string[] {
  const out: string[] = [];
  if (facts.doc) out.push(facts.doc);
  if (facts.deprecated) out.push(`**Deprecated:** ${facts.deprecated}`);
  if (facts.unsupported.size > 0) {
    const lines = [...facts.unsupported].map(([t, why]) => `- \`${t}\`: ${why}`);
    out.push(`**Not for every target:**\n${lines.join('\n')}`);
  }
  if (facts.history) out.push(`_${facts.history}_`);
  return out;
}
