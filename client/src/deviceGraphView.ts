import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ErrorCodes, LanguageClient, ResponseError } from 'vscode-languageclient/node';
import { escapeXml, layoutGraph, renderSvg } from './graphLayout';
import { effectiveTarget, unikernelDirOf } from './projects';
import { DeviceGraph, DeviceGraphMethod, DeviceGraphParams } from './protocol';

function isConfig(doc: vscode.TextDocument): boolean {
  return doc.uri.scheme === 'file' && path.basename(doc.uri.fsPath) === 'config.ml';
}

/**
 * A webview that draws the `mirage/deviceGraph` answer for the config.ml being edited,
 * asking again (debounced) as the user types, switches files or changes target.
 */
export class DeviceGraphView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.document) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e && isConfig(e.document) && e.document !== this.document) {
          this.document = e.document;
          this.schedule(0);
        }
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mirage')) this.schedule(0);
      }),
    );
  }

  show(): void {
    const editor = vscode.window.activeTextEditor;
    if (editor && isConfig(editor.document)) this.document = editor.document;
    if (!this.document) {
      const open = vscode.workspace.textDocuments.find(isConfig);
      this.document = open;
    }
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      this.panel = vscode.window.createWebviewPanel(
        'mirage.deviceGraph',
        'Device Graph',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [] },
      );
      this.panel.webview.html = this.shell(this.panel.webview);
      this.panel.onDidDispose(() => (this.panel = undefined), undefined, this.subscriptions);
    }
    this.schedule(0);
  }

  /** Called when `mirage/context` changes: the target may have changed. */
  refresh(): void {
    if (this.panel) this.schedule(0);
  }

  private schedule(delay?: number): void {
    if (!this.panel) return;
    const wait =
      delay ??
      vscode.workspace.getConfiguration('mirage').get<number>('deviceGraph.updateDelay', 300);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), wait);
  }

  private async update(): Promise<void> {
    const panel = this.panel;
    const doc = this.document;
    if (!panel) return;
    if (!doc) {
      this.post({ kind: 'message', text: 'Open a config.ml to see its devices.' });
      return;
    }
    const client = this.client();
    if (!client || !client.isRunning()) {
      this.post({ kind: 'message', text: 'The MirageOS language server is not running.' });
      return;
    }
    const generation = ++this.generation;
    const { target } = await effectiveTarget(unikernelDirOf(doc.uri));
    const params: DeviceGraphParams = { uri: doc.uri.toString(), target };
    try {
      const graph = await client.sendRequest<DeviceGraph>(DeviceGraphMethod, params);
      // A newer request may have been sent while this one was in flight.
      if (generation !== this.generation) return;
      const title = `${path.basename(path.dirname(doc.uri.fsPath))}/config.ml on ${target}`;
      if (!graph || graph.nodes.length === 0) {
        this.post({ kind: 'message', text: `No devices registered (${title}).` });
        return;
      }
      const svg = renderSvg(layoutGraph(graph));
      this.post({ kind: 'graph', title, svg, nodes: graph.nodes.length });
      panel.title = `Devices: ${path.basename(path.dirname(doc.uri.fsPath))} (${target})`;
    } catch (e) {
      if (generation !== this.generation) return;
      const text =
        e instanceof ResponseError && e.code === ErrorCodes.MethodNotFound
          ? 'This version of the language server does not answer mirage/deviceGraph.'
          : `The server could not build the device graph: ${(e as Error).message}`;
      this.log.warn(text);
      this.post({ kind: 'message', text });
    }
  }

  private post(message: { kind: string; [key: string]: unknown }): void {
    void this.panel?.webview.postMessage(message);
  }

  private shell(webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString('base64');
    // The SVG arrives as a string built by renderSvg, which escapes every label.
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 8px; }
  #title { font-size: 12px; opacity: 0.8; margin-bottom: 8px; }
  .device-graph text { font-family: var(--vscode-editor-font-family, monospace); font-size: 12px; fill: var(--vscode-foreground); }
  .device-graph rect { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-charts-blue, #3794ff); stroke-width: 1.5; }
  .device-graph .kind-job rect { stroke: var(--vscode-charts-green, #89d185); stroke-width: 2.5; }
  .device-graph .kind-key rect, .device-graph .kind-runtime_arg rect { stroke: var(--vscode-charts-yellow, #cca700); stroke-dasharray: 4 2; }
  .device-graph .kind-impl rect, .device-graph .kind-functor rect { stroke: var(--vscode-charts-purple, #b180d7); }
  .device-graph .kind-choice rect { stroke: var(--vscode-charts-orange, #d18616); stroke-dasharray: 5 3; }
  .device-graph .edge-label { font-size: 10px; fill: var(--vscode-descriptionForeground, #888); }
  .device-graph .edge { fill: none; stroke: var(--vscode-descriptionForeground, #888); stroke-width: 1.2; }
  .device-graph .arrowhead { fill: var(--vscode-descriptionForeground, #888); }
</style></head>
<body><div id="title"></div><div id="graph">${escapeXml('Loading…')}</div>
<script nonce="${nonce}">
  const title = document.getElementById('title');
  const graph = document.getElementById('graph');
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (m.kind === 'graph') { title.textContent = m.title + ' — ' + m.nodes + ' nodes'; graph.innerHTML = m.svg; }
    else if (m.kind === 'message') { title.textContent = ''; graph.textContent = m.text; }
  });
</script></body></html>`;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
