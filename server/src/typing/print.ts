import { TypeTable } from './unify';
import { TVar, Type, repr } from './types';

/** Names type variables consistently across the types of one message. */
export class TypePrinter {
  private readonly names = new Map<TVar, string>();
  private counter = 0;

  constructor(private readonly table: TypeTable) {}

  private varName(v: TVar): string {
    let n = this.names.get(v);
    if (!n) {
      const taken = new Set(this.names.values());
      if (v.name && !taken.has(`'${v.name}`)) n = `'${v.name}`;
      else {
        do {
          const i = this.counter++;
          n =
            "'" + String.fromCharCode(97 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : '');
        } while (taken.has(n));
      }
      this.names.set(v, n);
    }
    return n;
  }

  print(t: Type): string {
    return this.go(t, 0);
  }

  // Precedence: 0 top (arrows), 1 tuple component, 2 argument of a constructor.
  private go(t: Type, prec: number): string {
    const r = repr(t);
    switch (r.k) {
      case 'unknown':
        return '_';
      case 'var':
        return this.varName(r);
      case 'con': {
        const name = this.table.display(r.path);
        if (r.args.length === 0) return name;
        if (r.args.length === 1) return `${this.go(r.args[0], 2)} ${name}`;
        return `(${r.args.map((a) => this.go(a, 0)).join(', ')}) ${name}`;
      }
      case 'arrow': {
        const label = r.label ? `${r.optional ? '?' : ''}${r.label}:` : '';
        const param = r.optional ? this.optionalPayload(r.param) : r.param;
        const s = `${label}${this.go(param, 1)} -> ${this.go(r.result, 0)}`;
        return prec > 0 ? `(${s})` : s;
      }
      case 'tuple': {
        const s = r.items.map((a) => this.go(a, 2)).join(' * ');
        return prec > 1 ? `(${s})` : s;
      }
      case 'variant': {
        const tags = [...r.fields.keys()].filter((tag) => !r.upper || r.upper.has(tag));
        const show = (tag: string): string => {
          const f = r.fields.get(tag);
          return f ? `\`${tag} of ${this.go(f, 1)}` : `\`${tag}`;
        };
        const exact = r.upper && r.upper.size === r.lower.size;
        if (exact) return `[ ${tags.map(show).join(' | ')} ]`;
        if (!r.upper) return `[> ${tags.map(show).join(' | ')} ]`;
        const present = [...r.lower];
        return `[< ${tags.map(show).join(' | ')}${present.length ? ` > ${present.map((x) => '`' + x).join(' ')}` : ''} ]`;
      }
    }
  }

  /** `?x:int` is stored as `int option` and printed as OCaml does. */
  private optionalPayload(t: Type): Type {
    const r = repr(t);
    if (r.k === 'con' && r.path === 'option' && r.args.length === 1) return r.args[0];
    return r;
  }
}
