import assert from 'node:assert/strict';
import { analyze, testRuntime } from './support/runtime';

describe('target rules on realistic shapes', () => {
  before(async () => {
    await testRuntime();
  });

  it('counts one device when default_network is used twice (virtio)', () => {
    const text = `open Mirage
let main = main "Unikernel.Main" (network @-> ethernet @-> job)
let net = default_network
let eth = ethif net
let () = register "ping" [ main $ default_network $ eth ]
`;
    const a = analyze(text, { targets: { names: ['virtio'] } });
    assert.deepEqual(a.diagnostics, []);
  });

  it('warns about a second network interface on virtio only', () => {
    const text = `open Mirage
let main = main "Unikernel.Main" (network @-> network @-> job)
let () = register "bridge" [ main $ netif ~group:"a" "tap0" $ netif ~group:"b" "tap1" ]
`;
    const virtio = analyze(text, { targets: { names: ['virtio'] } }).diagnostics;
    assert.equal(virtio.length, 1);
    assert.equal(virtio[0].severity, 2);
    assert.match(String(virtio[0].message), /2nd network device/);
    assert.deepEqual(analyze(text, { targets: { names: ['hvt'] } }).diagnostics, []);
  });

  it('reads `< 4.8.0` as the 4.5–4.8 API', () => {
    const a = analyze(
      '(* mirage >= 4.5.0 & < 4.8.0 *)\nopen Mirage\nlet main = main "Unikernel" job\n',
    );
    assert.equal(a.era.id, '4.8');
    assert.deepEqual(a.diagnostics, []);
  });
});
