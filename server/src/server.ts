import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Connection,
  DidChangeConfigurationNotification,
  InitializeParams,
  InitializeResult,
  ServerCapabilities,
  TextDocumentSyncKind,
  createConnection,
} from 'vscode-languageserver/node';
import { analyzeConfig } from './analysis/check';
import { registerBuildCommands } from './build/commands';
import { Projects } from './project/projects';
import { Runtime, loadRuntime } from './project/runtime';
import { defaultTarget } from './project/unikernel';
import { parseVersion } from './signatures/eras';
import { ParsedDocument } from './syntax/documents';
import { targetByName } from './targets/targets';

/** Settings under `mirage.*`, as the client sends them. */
export interface Settings {
  /** Target used when the project has no mirage/context. */
  target?: string;
  /** `current` (the configured or chosen target) or `all`. */
  diagnostics?: { targets?: 'current' | 'all' };
  /** Installed mirage release to check against; empty: from the version line. */
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
  private readonly projects: Projects;

  private constructor(
    private readonly connection: Connection,
    private readonly runtime: Runtime,
    private readonly canPullSettings: boolean,
  ) {
    this.projects = new Projects((dir) => this.republishDirectory(dir));
  }

  static async initialize(connection: Connection, params: InitializeParams): Promise<MirageServer> {
    const canPull = !!params.capabilities.workspace?.configuration;
    const server = new MirageServer(connection, await loadRuntime(), canPull);
    const init = params.initializationOptions as { settings?: Settings } | undefined;
    if (init?.settings) server.settings = init.settings;
    return server;
  }

  static capabilities(): ServerCapabilities {
    return {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    };
  }

  register(connection: Connection): void {
    connection.onInitialized(() => {
      if (this.canPullSettings) {
        void connection.client.register(DidChangeConfigurationNotification.type, undefined);
        void this.pullSettings();
      }
    });
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
      const pushed = (settings as { mirage?: Settings } | undefined)?.mirage;
      if (pushed) this.applySettings(pushed);
      else if (this.canPullSettings) void this.pullSettings();
    });
    connection.onDidChangeWatchedFiles(({ changes }) => {
      for (const c of changes) {
        const dir = directoryOf(c.uri);
        if (dir && /\/mirage\/context$/.test(c.uri)) void this.projects.refresh(dirname(dir));
      }
    });
    connection.onShutdown(() => this.projects.dispose());
  }

  private async pullSettings(): Promise<void> {
    const [mirage] = (await this.connection.workspace.getConfiguration([
      { section: 'mirage' },
    ])) as [Settings | null];
    if (mirage) this.applySettings(mirage);
  }

  private applySettings(settings: Settings): void {
    this.settings = settings;
    for (const uri of this.documents.keys()) this.publish(uri);
  }

  private republishDirectory(dir: string): void {
    for (const uri of this.documents.keys()) if (directoryOf(uri) === dir) this.publish(uri);
  }

  /** Analyses the current text and publishes; waits for the project facts on first use. */
  private publish(uri: string): void {
    const doc = this.documents.get(uri);
    if (!doc || !isConfigFile(uri)) return;
    const dir = directoryOf(uri);
    const project = dir ? this.projects.peek(dir) : undefined;
    if (dir && !project) {
      void this.projects.load(dir).then(() => this.publish(uri));
      return;
    }
    try {
      const context = project?.context ?? null;
      const fallback =
        this.settings.target && targetByName(this.settings.target)
          ? this.settings.target
          : defaultTarget();
      const current = context?.target ?? fallback;
      const all = this.settings.diagnostics?.targets === 'all';
      const analysis = analyzeConfig(doc.text, doc.tree, this.runtime.catalog, {
        installed: this.settings.mirageVersion
          ? (parseVersion(this.settings.mirageVersion) ?? undefined)
          : undefined,
        siblingModules: project?.siblingModules ?? [],
        targets: {
          names: all ? 'all' : [current],
          flags: context?.flags,
          contextProblem: context?.problem,
        },
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
  connection.onInitialize(async (params): Promise<InitializeResult> => {
    const server = await MirageServer.initialize(connection, params);
    server.register(connection);
    const commands = registerBuildCommands(connection, params);
    return {
      capabilities: { ...MirageServer.capabilities(), executeCommandProvider: { commands } },
      serverInfo: { name: 'mirage-lsp', version: '0.1.0' },
    };
  });
  connection.listen();
}
