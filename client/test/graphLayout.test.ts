import assert from 'node:assert/strict';
import { escapeXml, layoutGraph, nodeWidth, renderSvg } from '../src/graphLayout';
import { DeviceGraph } from '../src/protocol';

/** The device graph of testFixture/hello on unix, as the server describes it. */
const hello: DeviceGraph = {
  nodes: [
    { id: 'job', label: 'Unikernel.Main', kind: 'job' },
    { id: 'stack', label: 'stackv4v6', kind: 'device' },
    { id: 'tcp', label: 'tcpv4v6', kind: 'device' },
    { id: 'ip', label: 'ipv4v6', kind: 'device' },
    { id: 'eth', label: 'ethernet', kind: 'device' },
    { id: 'net', label: 'network (tap0)', kind: 'device' },
    { id: 'port', label: 'port', kind: 'runtime_arg' },
  ],
  edges: [
    { from: 'job', to: 'stack' },
    { from: 'job', to: 'port' },
    { from: 'stack', to: 'tcp' },
    { from: 'stack', to: 'ip' },
    { from: 'tcp', to: 'ip' },
    { from: 'ip', to: 'eth' },
    { from: 'eth', to: 'net' },
  ],
};

function overlaps(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('device graph layout', function () {
  it('puts every node below the nodes that point to it (longest path layering)', function () {
    const layout = layoutGraph(hello);
    const at = new Map(layout.nodes.map((n) => [n.id, n]));
    for (const e of hello.edges) {
      assert.ok(at.get(e.from)!.layer < at.get(e.to)!.layer, `${e.from} -> ${e.to}`);
      assert.ok(at.get(e.from)!.y < at.get(e.to)!.y);
    }
    // tcp -> ip forces ip one layer below tcp even though stack -> ip is shorter.
    assert.equal(at.get('ip')!.layer, at.get('tcp')!.layer + 1);
    assert.equal(at.get('job')!.layer, 0);
  });

  it('keeps boxes apart, inside the picture, and wide enough for their labels', function () {
    const layout = layoutGraph(hello);
    for (const [i, a] of layout.nodes.entries()) {
      assert.ok(a.x >= 0 && a.y >= 0);
      assert.ok(a.x + a.width <= layout.width && a.y + a.height <= layout.height);
      assert.equal(a.width, nodeWidth(a.label));
      for (const b of layout.nodes.slice(i + 1)) assert.ok(!overlaps(a, b), `${a.id} / ${b.id}`);
    }
  });

  it('draws one path per edge from the bottom of the source to the top of the target', function () {
    const layout = layoutGraph(hello);
    const at = new Map(layout.nodes.map((n) => [n.id, n]));
    assert.equal(layout.edges.length, hello.edges.length);
    for (const e of layout.edges) {
      const [, x1, y1] = /^M([\d.]+),([\d.]+)/.exec(e.path)!.map(Number);
      const [, x2, y2] = / ([\d.]+),([\d.]+)$/.exec(e.path)!.map(Number);
      const a = at.get(e.from)!;
      const b = at.get(e.to)!;
      assert.ok(Math.abs(y1 - (a.y + a.height)) < 0.1 && Math.abs(x1 - (a.x + a.width / 2)) < 0.1);
      assert.ok(Math.abs(y2 - b.y) < 0.1 && Math.abs(x2 - (b.x + b.width / 2)) < 0.1);
    }
  });

  it('orders a layer after its parents so that edges do not cross needlessly', function () {
    const g: DeviceGraph = {
      nodes: [
        { id: 'a', label: 'a', kind: 'job' },
        { id: 'b', label: 'b', kind: 'job' },
        { id: 'b1', label: 'b1', kind: 'device' },
        { id: 'a1', label: 'a1', kind: 'device' },
      ],
      edges: [
        { from: 'a', to: 'a1' },
        { from: 'b', to: 'b1' },
      ],
    };
    const layout = layoutGraph(g);
    const x = (id: string): number => layout.nodes.find((n) => n.id === id)!.x;
    assert.ok(x('a') < x('b'));
    assert.ok(x('a1') < x('b1'), 'children follow the order of their parents');
  });

  it('survives cycles, self loops, duplicate and dangling edges, and an empty graph', function () {
    const layout = layoutGraph({
      nodes: [
        { id: 'x', label: 'x', kind: 'device' },
        { id: 'y', label: 'y', kind: 'device' },
      ],
      edges: [
        { from: 'x', to: 'y' },
        { from: 'y', to: 'x' },
        { from: 'x', to: 'x' },
        { from: 'x', to: 'y' },
        { from: 'x', to: 'nowhere' },
      ],
    });
    assert.equal(layout.nodes.length, 2);
    assert.equal(layout.edges.length, 2);
    assert.notEqual(layout.nodes[0].layer, layout.nodes[1].layer);
    const empty = layoutGraph({ nodes: [], edges: [] });
    assert.deepEqual([empty.nodes, empty.edges], [[], []]);
    assert.match(renderSvg(empty), /^<svg .*<\/svg>$/);
  });

  it('is deterministic', function () {
    assert.deepEqual(layoutGraph(hello), layoutGraph(hello));
  });

  it('renders SVG with escaped labels, a class per kind and an arrow per edge', function () {
    const svg = renderSvg(
      layoutGraph({
        nodes: [
          { id: 'j', label: 'Unikernel.Make <"S">', kind: 'job' },
          { id: 'k', label: 'a & b', kind: 'weird kind!' },
        ],
        edges: [{ from: 'j', to: 'k', label: 'hvt' }],
      }),
    );
    assert.ok(svg.includes('class="edge-label"'));
    assert.ok(svg.includes('>hvt</text>'));
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.ok(svg.includes('Unikernel.Make &lt;&quot;S&quot;&gt;'));
    assert.ok(svg.includes('a &amp; b'));
    assert.ok(svg.includes('class="node kind-job"'));
    assert.ok(svg.includes('class="node kind-weird_kind_"'));
    assert.equal((svg.match(/marker-end="url\(#arrow\)"/g) ?? []).length, 1);
    assert.ok(!/<script/i.test(svg));
    assert.equal(escapeXml(`<'&">`), '&lt;&apos;&amp;&quot;&gt;');
  });
});
