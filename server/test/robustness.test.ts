import assert from 'node:assert/strict';
import { analyze, testRuntime } from './support/runtime';

/** Whatever the input, the analysis answers (diagnostics or nothing) and never throws. */
describe('robustness of the analysis on bad input', () => {
  before(async () => {
    await testRuntime();
  });

  const samples: Record<string, string> = {
    empty: '',
    whitespace: '  \n\n\t  \n',
    garbage: ')))(((]]] let let in in = = -> | | `` \' " ',
    binary: Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join(''),
    'half-typed line': 'open Mirage\nlet main = main "Unikernel.Main" (stackv4v6 @-> \n',
    'half-typed application': 'open Mirage\nlet () = register "x" [ main $ ',
    'unterminated string': 'open Mirage\nlet x = "abc',
    'unterminated comment': 'open Mirage\n(* abc\nlet x = 1',
    'deep nesting': 'let x = ' + '('.repeat(2000) + '1' + ')'.repeat(2000),
    'deep lists': 'let x = ' + '['.repeat(500) + ']'.repeat(500),
    'long line':
      'let x = [ ' + Array.from({ length: 20000 }, (_, i) => `"s${i}"`).join('; ') + ' ]',
    'emoji and cyrillic':
      'open Mirage\n(* привет 😀 *)\nlet имя = "😀"\nlet () = register "😀" [ main $ noop ]',
    crlf: 'open Mirage\r\nlet main = main "Unikernel.Main" (job @-> job)\r\nlet () = register "x" [ main $ noop ]\r\n',
  };

  for (const [name, text] of Object.entries(samples)) {
    it(`survives ${name}`, () => {
      const a = analyze(text);
      for (const d of a.diagnostics) {
        assert.ok(d.range.start.line >= 0 && d.range.start.line <= a.lines.lineCount);
        assert.ok(d.range.end.line >= d.range.start.line);
      }
    });
  }

  it('survives a 1 MB file in reasonable time', () => {
    const unit = 'let stack_N = generic_stackv4v6 (netif "tapN")\n';
    const lines: string[] = ['open Mirage\n'];
    let size = 0;
    for (let i = 0; size < 1_000_000; i++) {
      const l = unit.replace(/N/g, String(i));
      lines.push(l);
      size += l.length;
    }
    const started = Date.now();
    const a = analyze(lines.join(''));
    assert.equal(a.diagnostics.filter((d) => d.severity === 1).length, 0);
    assert.ok(Date.now() - started < 20000, 'took too long');
  });

  it('reports no error on a valid CRLF file', () => {
    const a = analyze(samples.crlf);
    assert.deepEqual(a.diagnostics, []);
  });
});
