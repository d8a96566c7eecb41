import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import {
  Connection,
  InitializeParams,
  InitializeResult,
  ServerCapabilities,
  TextDocumentSyncKind,
  createConnection,
} from 'vscode-languageserver/node';
import { analyzeConfig } from './analysis/check';
import { siblingModules } from './project/unikernel';
import { Runtime, loadRuntime } from './project/runtime';
import { parseVersion } from './signatures/eras';
import { ParsedDocument } from './syntax/documents';

/** Settings under `mirage.*`, as the client sends them. */
interface Settings {
  mirageVersion?: string;
}

function isConfigFile(uri: string): boolean {
  return /(^|\/)config\.ml$/.test(uri);
}

function directoryOf(uri: string): string | null {
  try {
    return dirname(fileURLToPath(uri));
  } catch {
    return null;
  }
}

/**
 * The protocol adapter: it keeps documents in step and turns analysis results into LSP
 * messages. Everything it answers comes from the pure engine.
 */
export class MirageServer {
  private readonly documents = new Map<string, ParsedDocument>();
  private settings: Settings = {};
  /** Module names beside each config.ml, read once per directory (not on every keystroke). */
  private readonly siblings = new Map<string, string[]>();

  private constructor(
    private readonly connection: Connection,
    private readonly runtime: Runtime,
  ) {}

  static async initialize(
    connection: Connection,
    _params: InitializeParams,
  ): Promise<MirageServer> {
    return new MirageServer(connection, await loadRuntime());
  }

  static capabilities(): ServerCapabilities {
    return {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    };
  }

  register(connection: Connection): void {
    connection.onDidOpenTextDocument(({ textDocument: d }) => {
      this.documents.get(d.uri)?.close();
      this.documents.set(
        d.uri,
        ParsedDocument.open(this.runtime.parsers, d.uri, d.text, d.version),
      );
      this.publish(d.uri);
    });
    connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
      const doc = this.documents.get(textDocument.uri);
      if (!doc) return;
      doc.update(this.runtime.parsers, contentChanges, textDocument.version ?? doc.version + 1);
      this.publish(textDocument.uri);
    });
    connection.onDidCloseTextDocument(({ textDocument }) => {
      this.documents.get(textDocument.uri)?.close();
      this.documents.delete(textDocument.uri);
      void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
    });
    connection.onDidChangeConfiguration(({ settings }) => {
      this.settings = (settings as { mirage?: Settings } | undefined)?.mirage ?? {};
      for (const uri of this.documents.keys()) this.publish(uri);
    });
  }

  private siblingsOf(dir: string): string[] {
    let found = this.siblings.get(dir);
    if (!found) {
      found = siblingModules(dir);
      this.siblings.set(dir, found);
    }
    return found;
  }

  private publish(uri: string): void {
    const doc = this.documents.get(uri);
    if (!doc || !isConfigFile(uri)) return;
    try {
      const dir = directoryOf(uri);
      const analysis = analyzeConfig(doc.text, doc.tree, this.runtime.catalog, {
        installed: this.settings.mirageVersion
          ? (parseVersion(this.settings.mirageVersion) ?? undefined)
          : undefined,
        siblingModules: dir ? this.siblingsOf(dir) : [],
      });
      void this.connection.sendDiagnostics({
        uri,
        version: doc.version,
        diagnostics: analysis.diagnostics,
      });
    } catch (e) {
      // A bug in the analysis must not take the server down or lose the user's text.
      this.connection.console.error(
        `mirage-lsp: analysis failed for ${uri}: ${(e as Error).stack ?? e}`,
      );
    }
  }
}

export function startServer(): void {
  const connection = createConnection();
  let server: Promise<MirageServer> | undefined;
  connection.onInitialize(async (params): Promise<InitializeResult> => {
    server = MirageServer.initialize(connection, params);
    (await server).register(connection);
    return {
      capabilities: MirageServer.capabilities(),
      serverInfo: { name: 'mirage-lsp', version: '0.1.0' },
    };
  });
  connection.listen();
}
