/**
 * Lays out a device graph as layers (a small Sugiyama-style layout) and draws it as SVG.
 * Pure: no `vscode`, so it is unit-tested directly and the webview only shows the string.
 */
import { DeviceGraph, GraphNode } from './protocol';

export interface PlacedNode extends GraphNode {
  layer: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  /** SVG path data from the bottom of `from` to the top of `to`. */
  path: string;
  label?: string;
  /** Where the label goes: the middle of the path. */
  mid: { x: number; y: number };
}

export interface Layout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

const NODE_HEIGHT = 30;
const LAYER_GAP = 56;
const NODE_GAP = 22;
const MARGIN = 16;
const CHAR_WIDTH = 7.2; // 12px monospace, measured in the webview's default font
const PADDING_X = 14;

export function nodeWidth(label: string): number {
  return Math.max(60, Math.ceil(label.length * CHAR_WIDTH + 2 * PADDING_X));
}

/**
 * Layer of each node: the longest path from a root (a node nothing points to), so that
 * every edge points down. Edges that would close a cycle are ignored for layering.
 */
function assignLayers(ids: string[], out: Map<string, string[]>): Map<string, number> {
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const acyclic = new Map<string, string[]>(ids.map((id) => [id, []]));
  const visit = (id: string): void => {
    state.set(id, 'visiting');
    for (const next of out.get(id) ?? []) {
      const s = state.get(next);
      if (s === 'visiting') continue; // back edge: a cycle, drop it for layering
      acyclic.get(id)!.push(next);
      if (s === undefined) visit(next);
    }
    state.set(id, 'done');
    order.push(id);
  };
  const hasIncoming = new Set([...out.values()].flat());
  for (const id of ids) if (!hasIncoming.has(id) && !state.has(id)) visit(id);
  for (const id of ids) if (!state.has(id)) visit(id);
  const layer = new Map<string, number>(ids.map((id) => [id, 0]));
  // `order` is a post-order, so reversed it is topological for the acyclic edges.
  for (const id of order.reverse()) {
    for (const next of acyclic.get(id)!) {
      layer.set(next, Math.max(layer.get(next)!, layer.get(id)! + 1));
    }
  }
  return layer;
}

/** Reorders each layer by the mean position of its neighbours in the layer before. */
function reduceCrossings(layers: string[][], neighbours: Map<string, string[]>): void {
  const position = new Map<string, number>();
  const remember = (): void => layers.forEach((l) => l.forEach((id, i) => position.set(id, i)));
  remember();
  const sweep = (indices: number[]): void => {
    for (const li of indices) {
      const layer = layers[li];
      const key = new Map<string, number>();
      for (const [i, id] of layer.entries()) {
        const ps = (neighbours.get(id) ?? [])
          .filter((n) => position.has(n))
          .map((n) => position.get(n)!);
        key.set(id, ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : i);
      }
      // Stable sort: equal keys keep their order, so the result is deterministic.
      layer.sort((a, b) => key.get(a)! - key.get(b)!);
      remember();
    }
  };
  const down = layers.map((_, i) => i).slice(1);
  for (let round = 0; round < 4; round++) {
    sweep(down);
    sweep([...down].reverse().map((i) => i - 1));
  }
}

export function layoutGraph(graph: DeviceGraph): Layout {
  const known = new Map(graph.nodes.map((n) => [n.id, n]));
  const edges = graph.edges.filter(
    (e, i, all) =>
      known.has(e.from) &&
      known.has(e.to) &&
      e.from !== e.to &&
      all.findIndex((o) => o.from === e.from && o.to === e.to) === i,
  );
  const ids = [...known.keys()];
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  const neighbours = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) {
    out.get(e.from)!.push(e.to);
    neighbours.get(e.from)!.push(e.to);
    neighbours.get(e.to)!.push(e.from);
  }
  const layerOf = assignLayers(ids, out);
  const layerCount = ids.length ? Math.max(...layerOf.values()) + 1 : 0;
  const layers: string[][] = Array.from({ length: layerCount }, () => []);
  for (const id of ids) layers[layerOf.get(id)!].push(id);
  reduceCrossings(layers, neighbours);

  const rowWidth = (l: string[]): number =>
    l.reduce((w, id) => w + nodeWidth(known.get(id)!.label), 0) + NODE_GAP * (l.length - 1);
  const width = Math.max(0, ...layers.map(rowWidth)) + 2 * MARGIN;
  const height = layerCount * NODE_HEIGHT + (layerCount - 1) * LAYER_GAP + 2 * MARGIN;
  const placed = new Map<string, PlacedNode>();
  layers.forEach((l, li) => {
    let x = (width - rowWidth(l)) / 2;
    for (const id of l) {
      const n = known.get(id)!;
      const w = nodeWidth(n.label);
      placed.set(id, {
        ...n,
        layer: li,
        x,
        y: MARGIN + li * (NODE_HEIGHT + LAYER_GAP),
        width: w,
        height: NODE_HEIGHT,
      });
      x += w + NODE_GAP;
    }
  });
  const placedEdges = edges.map((e) => {
    const a = placed.get(e.from)!;
    const b = placed.get(e.to)!;
    const down = b.layer > a.layer;
    const x1 = a.x + a.width / 2;
    const y1 = down ? a.y + a.height : a.y;
    const x2 = b.x + b.width / 2;
    const y2 = down ? b.y : b.y + b.height;
    const bend = (y2 - y1) / 2;
    const path = `M${r(x1)},${r(y1)} C${r(x1)},${r(y1 + bend)} ${r(x2)},${r(y2 - bend)} ${r(x2)},${r(y2)}`;
    return {
      from: e.from,
      to: e.to,
      path,
      label: e.label,
      mid: { x: (x1 + x2) / 2, y: (y1 + y2) / 2 },
    };
  });
  return {
    nodes: ids.map((id) => placed.get(id)!),
    edges: placedEdges,
    width: Math.ceil(width),
    height: Math.max(0, Math.ceil(height)),
  };
}

function r(n: number): string {
  return String(Math.round(n * 10) / 10);
}

export function escapeXml(s: string): string {
  return s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

/** Draws a layout; colours come from CSS classes so the webview can follow the theme. */
export function renderSvg(layout: Layout): string {
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="device-graph" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>',
  ];
  for (const e of layout.edges) {
    parts.push(
      `<path class="edge" d="${e.path}" marker-end="url(#arrow)" data-from="${escapeXml(e.from)}" data-to="${escapeXml(e.to)}"/>`,
    );
    if (e.label) {
      parts.push(
        `<text class="edge-label" x="${r(e.mid.x + 4)}" y="${r(e.mid.y)}" dominant-baseline="central">${escapeXml(e.label)}</text>`,
      );
    }
  }
  for (const n of layout.nodes) {
    const kind = escapeXml(n.kind.replace(/[^A-Za-z0-9_-]/g, '_'));
    parts.push(
      `<g class="node kind-${kind}" data-id="${escapeXml(n.id)}">` +
        `<title>${escapeXml(`${n.label} (${n.kind})`)}</title>` +
        `<rect x="${r(n.x)}" y="${r(n.y)}" width="${n.width}" height="${n.height}" rx="6"/>` +
        `<text x="${r(n.x + n.width / 2)}" y="${r(n.y + n.height / 2)}" text-anchor="middle" dominant-baseline="central">${escapeXml(n.label)}</text>` +
        '</g>',
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
