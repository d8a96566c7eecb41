import { pathToFileURL } from 'node:url';
import type { Connection, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { Diagnostic } from 'vscode-languageserver-types';
import { FileDiagnostics } from './locate';

/**
 * Build diagnostics live beside the analysis ones: LSP keeps one diagnostic list per file and
 * server, so each publication of the analysis gets the build's list appended, and a new build
 * result is published together with the last analysis list. Wrapping `sendDiagnostics` keeps
 * the analysis side unaware of builds.
 */
export class BuildDiagnostics {
  /** dir → (uri → diagnostics of the last step that ran there). */
  private readonly byDir = new Map<string, Map<string, Diagnostic[]>>();
  private readonly analysis = new Map<string, PublishDiagnosticsParams>();
  private readonly send: (p: PublishDiagnosticsParams) => Promise<void>;

  constructor(connection: Connection) {
    this.send = connection.sendDiagnostics.bind(connection);
    connection.sendDiagnostics = (params: PublishDiagnosticsParams) => {
      this.analysis.set(params.uri, params);
      return this.send({
        ...params,
        diagnostics: [...params.diagnostics, ...this.forUri(params.uri)],
      });
    };
  }

  forUri(uri: string): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const files of this.byDir.values()) out.push(...(files.get(uri) ?? []));
    return out;
  }

  /** Replaces what the last step said about a directory, and republishes changed files. */
  set(dir: string, diagnostics: FileDiagnostics): void {
    const next = new Map<string, Diagnostic[]>();
    for (const [path, list] of diagnostics) next.set(pathToFileURL(path).toString(), list);
    const before = this.byDir.get(dir) ?? new Map<string, Diagnostic[]>();
    this.byDir.set(dir, next);
    for (const uri of new Set([...before.keys(), ...next.keys()])) {
      const last = this.analysis.get(uri);
      void this.send({
        uri,
        ...(last?.version !== undefined ? { version: last.version } : {}),
        diagnostics: [...(last?.diagnostics ?? []), ...this.forUri(uri)],
      });
    }
  }
}
