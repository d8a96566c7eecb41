import assert from 'node:assert/strict';
import { LineMapper, absoluteLocations } from '../src/taskOutput';

describe('task output (OCaml locations made absolute)', function () {
  it('makes a relative `File "..."` absolute in the task directory, and nothing else', function () {
    assert.equal(
      absoluteLocations('File "config.ml", lines 8-10, characters 8-21:', '/w/hello'),
      'File "/w/hello/config.ml", lines 8-10, characters 8-21:',
    );
    assert.equal(
      absoluteLocations('File "/abs/config.ml", line 1, characters 0-1:', '/w/hello'),
      'File "/abs/config.ml", line 1, characters 0-1:',
    );
    assert.equal(absoluteLocations('Error: File "x" is wrong', '/w'), 'Error: File "x" is wrong');
    assert.equal(absoluteLocations(' 8 | let x = 1', '/w'), ' 8 | let x = 1');
  });

  it('maps only complete lines, whatever the chunking', function () {
    const m = new LineMapper((l) => `<${l}>`);
    assert.equal(m.push('ab'), '');
    assert.equal(m.push('c\nde'), '<abc>\n');
    assert.equal(m.push('f\r\ng\nh'), '<def>\n<g>\n');
    assert.equal(m.flush(), '<h>');
    assert.equal(m.flush(), '');
  });
});
