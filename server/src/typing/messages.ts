import { Code, Codes } from '../analysis/codes';
import { TypePrinter } from './print';
import { Type } from './types';
import { TypeTable } from './unify';

/** Where an expression sits, so a mismatch can be explained in device terms. */
export type MismatchContext =
  | { kind: 'functor' }
  | { kind: 'device'; functor: string | null; position: number }
  | { kind: 'register' }
  | { kind: 'sequence' };

export interface MessageEnv {
  readonly printer: TypePrinter;
  readonly table: TypeTable;
  /** Source text of the offending expression, quoted when short. */
  readonly exprText: string;
}

interface ImplShape {
  /** Device types the functor still expects, outermost first. */
  readonly waiting: Type[];
  readonly final: Type;
}

function implShape(t: Type, table: TypeTable): ImplShape | null {
  const h = table.head(t);
  if (h.k !== 'con' || h.path !== 'impl' || h.args.length !== 1) return null;
  const waiting: Type[] = [];
  let cur = table.head(h.args[0]);
  while (cur.k === 'arrow') {
    waiting.push(cur.param);
    cur = table.head(cur.result);
  }
  return { waiting, final: cur };
}

function isTyp(t: Type, table: TypeTable): boolean {
  const h = table.head(t);
  return h.k === 'con' && h.path === 'typ';
}

function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return n + (s[(v - 20) % 10] || s[v] || s[0]);
}

function device(t: Type, env: MessageEnv): string {
  return '`' + env.printer.print(t) + '`';
}

function quote(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= 40 ? '`' + oneLine + '`' : 'this expression';
}

/** Explains why `actual` does not fit where `expected` is needed. */
export function describeMismatch(
  actual: Type,
  expected: Type,
  env: MessageEnv,
  ctx: MismatchContext | undefined,
  detail: string | undefined,
): { code: Code; message: string } {
  const { table, printer } = env;
  const a = implShape(actual, table);
  const e = implShape(expected, table);
  const plain = `This expression has type ${printer.print(actual)} but an expression was expected of type ${printer.print(expected)}${detail ? ` (${detail})` : ''}.`;
  const what = quote(env.exprText);

  if (a && e) {
    if (a.waiting.length > 0 && e.waiting.length === 0) {
      const missing = a.waiting.map((w) => device(w, env)).join(', ');
      return {
        code: Codes.missingDevices,
        message:
          `${what} still needs ${a.waiting.length} device${a.waiting.length > 1 ? 's' : ''} (${missing}): ` +
          `apply it with \`$\` before using it as ${device(e.final, env)}. ${plain}`,
      };
    }
    if (a.waiting.length === 0 && e.waiting.length > 0) {
      return {
        code: Codes.tooManyDevices,
        message:
          `${what} is a complete ${device(a.final, env)}, so it takes no more devices: ` +
          `there is one \`$\` too many. ${plain}`,
      };
    }
    if (a.waiting.length === 0 && e.waiting.length === 0) {
      const expectedDevice = device(e.final, env);
      const actualDevice = device(a.final, env);
      if (ctx?.kind === 'device') {
        const who = ctx.functor ? `\`${ctx.functor}\`` : 'The functor';
        return {
          code: Codes.wrongDevice,
          message: `${who} expects a ${expectedDevice} as its ${ordinal(ctx.position)} device, but ${what} is a ${actualDevice}. ${plain}`,
        };
      }
      const finalHead = table.head(e.final);
      if (finalHead.k === 'con' && finalHead.path === 'job') {
        return {
          code: Codes.notAJob,
          message: `Only jobs (\`job impl\`) can be registered or used here, but ${what} is a ${actualDevice}. ${plain}`,
        };
      }
      return {
        code: Codes.wrongDevice,
        message: `A ${expectedDevice} device is expected here, but ${what} is a ${actualDevice}. ${plain}`,
      };
    }
  }
  if (e && isTyp(actual, table)) {
    return {
      code: Codes.notADeviceType,
      message: `${what} is a device type, not a device: pass an implementation (a value of type ${printer.print(expected)}). ${plain}`,
    };
  }
  if (a && isTyp(expected, table)) {
    return {
      code: Codes.notADeviceType,
      message: `${what} is a device, but a device type is expected here (as in \`network @-> job\`). ${plain}`,
    };
  }
  if (isTyp(expected, table)) {
    return {
      code: Codes.notADeviceType,
      message: `A device type (such as \`stackv4v6\` or \`kv_ro\`) is expected here. ${plain}`,
    };
  }
  const ah = table.head(actual);
  const eh = table.head(expected);
  if (ah.k === 'arrow' && eh.k !== 'arrow' && eh.k !== 'var') {
    const missing: string[] = [];
    for (let cur: Type = ah; cur.k === 'arrow'; cur = table.head(cur.result)) {
      if (cur.optional) continue;
      missing.push((cur.label ? `~${cur.label}:` : '') + printer.print(cur.param));
    }
    return {
      code: Codes.missingArguments,
      message: `${what} is a function that still needs ${missing.length === 1 ? 'an argument' : `${missing.length} arguments`} (${missing.join(', ')}). ${plain}`,
    };
  }
  if (eh.k === 'con' && eh.path === 'code' && ah.k === 'con' && ah.path === 'string') {
    return {
      code: Codes.typeMismatch,
      message: `Since mirage 4.5 a \`~connect\` function returns code, not a string: build it with \`code ~pos:__POS__ "…"\`. ${plain}`,
    };
  }
  if (ctx?.kind === 'sequence') {
    return {
      code: Codes.typeMismatch,
      message: `This expression is followed by \`;\`, so its value must be \`unit\`, but it has type ${printer.print(actual)}. Bind it with \`let\` or wrap it in \`ignore\`.`,
    };
  }
  return { code: Codes.typeMismatch, message: plain };
}
