import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SyntaxTree as Tree } from './syntax/tree';
import {
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  InitializeParams,
  InitializeResult,
  ServerCapabilities,
  TextDocumentSyncKind,
  createConnection,
} from 'vscode-languageserver/node';
import { AnalysisMemo, ConfigAnalysis, analyzeConfig } from './analysis/check';
import { SourceFile, findModule } from './analysis/unikernel';
import { codeLenses, inlayHints, signatureHelp } from './features/assist';
import { codeActions } from './features/codeActions';
import { completions, resolveCompletion } from './features/completion';
import { hover } from './features/hover';
import { SEMANTIC_LEGEND, semanticTokens } from './features/semanticTokens';
import {
  definition,
  documentSymbols,
  prepareRename,
  references,
  rename,
} from './features/navigation';
import { DocumentView } from './features/view';
import { modulesOf } from './analysis/unikernel';
import { deviceGraph } from './targets/graph';
import { moduleNameOfFile } from './project/unikernel';
import { registerBuildCommands } from './build/commands';
import { Projects } from './project/projects';
import { Runtime, loadRuntime } from './project/runtime';
import { defaultTarget } from './project/unikernel';
import { Version, eraOfVersion, parseVersion } from './signatures/eras';
import { childEnvironment } from './launch';
import { SERVER_FLAGS, setFlags } from './v8flags';
import { detectInstalledMirage } from './project/installed';
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
    const init = params.initializationOptions as
      { settings?: Settings; trusted?: boolean } | undefined;
    if (init?.settings) server.settings = init.settings;
    // Looking for an installed mirage may start a process, whose start-up competes with the
    // first analysis: look once the first diagnostics are out (or soon, if none are asked for).
    // What it finds refines the checks of every open document.
    const trusted = init?.trusted !== false;
    let started = false;
    const detect = () => {
      if (started) return;
      started = true;
      clearTimeout(fallback);
      void detectInstalledMirage(childEnvironment(), trusted).then(async (found) => {
        if (!found) return;
        server.installed = found.version;
        if (found.mli) await server.runtime.useInstalled(eraOfVersion(found.version).id, found.mli);
        connection.console.info(
          `mirage-lsp: checking against mirage ${found.version.join('.')} (${found.source})`,
        );
        server.analyses.clear();
        server.memos.clear();
        for (const uri of server.documents.keys()) server.publish(uri);
      });
    };
    const fallback = setTimeout(detect, MirageServer.DETECT_AFTER_MS);
    server.detectInstalled = detect;
    return server;
  }

  /** The installed mirage release, when one was found; the setting wins over it. */
  private installed: Version | undefined;

  /** Starts looking for an installed mirage (once; later calls do nothing). */
  private detectInstalled: () => void = () => undefined;
  /** When no diagnostics were published by then, the installed mirage is looked for anyway. */
  private static readonly DETECT_AFTER_MS = 1000;

  private installedVersion(): Version | undefined {
    return this.settings.mirageVersion
      ? (parseVersion(this.settings.mirageVersion) ?? undefined)
      : this.installed;
  }

  static capabilities(): ServerCapabilities {
    return {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: {
        triggerCharacters: ['.', '~', '?', '$', '"', '`'],
        resolveProvider: true,
      },
      hoverProvider: true,
      signatureHelpProvider: { triggerCharacters: [' ', '$'], retriggerCharacters: [' '] },
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Source] },
      inlayHintProvider: true,
      codeLensProvider: { resolveProvider: false },
      semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
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
      // The project's files are read (off the main thread) while the document parses.
      const dir = isConfigFile(d.uri) ? directoryOf(d.uri) : null;
      if (dir && !this.projects.peek(dir)) void this.projects.load(dir);
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
      // Only an open config.ml needs its project's facts (and their watchers).
      const dir = isConfigFile(textDocument.uri) ? directoryOf(textDocument.uri) : null;
      if (dir) this.projects.release(dir);
      this.recent = this.recent.filter((u) => u !== textDocument.uri);
      this.memos.delete(textDocument.uri);
      this.analyses.delete(textDocument.uri);
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

    connection.onCompletion(({ textDocument, position }) => {
      const view = this.view(textDocument.uri);
      if (!view) return [];
      const modules = () => this.unikernelModules(textDocument.uri);
      return completions(view, position, {
        catalog: this.runtime.catalog,
        // Parsing the unikernel's files is only needed inside `main "…"`.
        get unikernel() {
          return { names: modules() };
        },
      });
    });
    connection.onCompletionResolve((item) => resolveCompletion(item, this.runtime.catalog));
    connection.languages.semanticTokens.on(({ textDocument }) => {
      const view = this.view(textDocument.uri);
      return view ? semanticTokens(view) : { data: [] };
    });
    connection.onHover(({ textDocument, position }) => {
      const view = this.view(textDocument.uri);
      return view
        ? hover(view, position, {
            catalog: this.runtime.catalog,
            flags: this.projectOf(textDocument.uri)?.context?.flags,
          })
        : null;
    });
    connection.onSignatureHelp(({ textDocument, position }) => {
      const view = this.view(textDocument.uri);
      return view ? signatureHelp(view, position) : null;
    });
    connection.onDefinition(({ textDocument, position }) => {
      const view = this.view(textDocument.uri);
      return view
        ? definition(view, position, (name) => findModule(name, this.sourcesOf(textDocument.uri)))
        : null;
    });
    connection.onReferences(({ textDocument, position, context }) => {
      const view = this.view(textDocument.uri);
      return view ? references(view, position, context.includeDeclaration) : [];
    });
    connection.onPrepareRename(({ textDocument, position }) => {
      const view = this.view(textDocument.uri);
      return view ? prepareRename(view, position) : null;
    });
    connection.onRenameRequest(({ textDocument, position, newName }) => {
      const view = this.view(textDocument.uri);
      return view ? rename(view, position, newName) : null;
    });
    connection.onDocumentSymbol(({ textDocument }) => {
      const view = this.view(textDocument.uri);
      return view ? documentSymbols(view) : [];
    });
    connection.onCodeAction(({ textDocument, range, context }) => {
      const view = this.view(textDocument.uri);
      if (!view) return [];
      return codeActions(view, range, context.diagnostics, (text) => {
        const tree = this.runtime.parsers.parseSyntax(text);
        {
          const project = this.projectOf(textDocument.uri);
          return analyzeConfig(text, tree, this.runtime.catalog, {
            installed: this.installedVersion(),
            siblingModules: project?.siblingModules ?? [],
          }).diagnostics;
        }
      });
    });
    connection.languages.inlayHint.on(({ textDocument, range }) => {
      const view = this.view(textDocument.uri);
      return view ? inlayHints(view, range) : [];
    });
    connection.onCodeLens(({ textDocument }) => {
      const view = this.view(textDocument.uri);
      return view ? codeLenses(view, this.currentTarget(textDocument.uri)) : [];
    });
    connection.onRequest('mirage/deviceGraph', (params: { uri: string; target?: string }) => {
      const view = this.view(params.uri);
      const target = targetByName(params.target ?? this.currentTarget(params.uri));
      const ev = view?.analysis.evaluation;
      if (!view || !ev || !target) return { target: params.target ?? '', nodes: [], edges: [] };
      return deviceGraph(
        ev.result,
        ev.evaluator,
        target,
        this.projectOf(params.uri)?.context?.flags ?? new Map(),
      );
    });
  }

  // ---------------------------------------------------------------- documents and analyses

  private readonly analyses = new Map<string, { version: number; analysis: ConfigAnalysis }>();
  /** Per-document memory of the last analysis, so a keystroke re-analyses one item. */
  private readonly memos = new Map<string, AnalysisMemo>();
  private readonly sourceTrees = new Map<string, { text: string; tree: Tree }>();
  private readonly sourceDiagnosticUris = new Map<string, Set<string>>();

  private projectOf(uri: string) {
    const dir = directoryOf(uri);
    return dir ? this.projects.peek(dir) : undefined;
  }

  private currentTarget(uri: string): string {
    const fallback =
      this.settings.target && targetByName(this.settings.target)
        ? this.settings.target
        : defaultTarget();
    return this.projectOf(uri)?.context?.target ?? fallback;
  }

  /** The unikernel's sources beside a config.ml: open documents win over the disk. */
  private sourcesOf(configUri: string): SourceFile[] {
    const dir = directoryOf(configUri);
    const project = this.projectOf(configUri);
    if (!dir || !project) return [];
    const out: SourceFile[] = [];
    for (const [file, diskText] of project.sources) {
      const uri = pathToFileURL(join(dir, file)).toString();
      const open = this.documents.get(uri);
      const text = open ? open.text : diskText;
      let cached = this.sourceTrees.get(uri);
      if (!cached || cached.text !== text) {
        cached = { text, tree: open ? open.tree : this.runtime.parsers.parseSyntax(text) };
        this.sourceTrees.set(uri, cached);
      }
      out.push({ uri, module: moduleNameOfFile(file), text, tree: cached.tree });
    }
    return out;
  }

  private unikernelModules(configUri: string): { name: string; params: number }[] {
    const out: { name: string; params: number }[] = [];
    for (const s of this.sourcesOf(configUri)) {
      const { modules, start } = modulesOf(s.tree);
      if (start) out.push({ name: s.module, params: 0 });
      for (const [name, m] of modules) out.push({ name: `${s.module}.${name}`, params: m.params });
    }
    return out;
  }

  /**
   * Documents most recently analysed first; only the first few keep trees and memos. A kept
   * 500-line config costs ~7 MB of resident memory (its trees, memo and the heap around them);
   * a released one costs its text, and a full parse (~30 ms) when it is next edited or asked.
   * A project has one config.ml: three cover working across a few unikernels.
   */
  private recent: string[] = [];
  private static readonly KEEP_PARSED = 3;

  private touch(uri: string): void {
    this.recent = [uri, ...this.recent.filter((u) => u !== uri)];
    for (const old of this.recent.slice(MirageServer.KEEP_PARSED)) {
      const doc = this.documents.get(old);
      if (doc?.parsed) doc.release();
      this.memos.delete(old);
      this.analyses.delete(old);
      // The cache is keyed by the sources' URIs: drop those of the released config's project.
      const dir = directoryOf(old);
      for (const source of this.sourceTrees.keys())
        if (source !== old && directoryOf(source) === dir) this.sourceTrees.delete(source);
      this.sourceTrees.delete(old);
    }
  }

  private memoOf(uri: string): AnalysisMemo {
    let memo = this.memos.get(uri);
    if (!memo) {
      memo = new AnalysisMemo();
      this.memos.set(uri, memo);
    }
    return memo;
  }

  /** The analysis of the current text of a config.ml (recomputed if it is stale). */
  private view(uri: string): DocumentView | null {
    const doc = this.documents.get(uri);
    if (!doc || !isConfigFile(uri)) return null;
    let entry = this.analyses.get(uri);
    if (!entry || entry.version !== doc.version) {
      entry = { version: doc.version, analysis: this.analyze(uri) };
      this.analyses.set(uri, entry);
    }
    // A request may parse and analyse a released document again: it joins the kept ones.
    this.touch(uri);
    return { uri, text: doc.text, tree: doc.tree, analysis: entry.analysis };
  }

  private analyze(uri: string): ConfigAnalysis {
    const doc = this.documents.get(uri)!;
    const project = this.projectOf(uri);
    const context = project?.context ?? null;
    const all = this.settings.diagnostics?.targets === 'all';
    return analyzeConfig(doc.text, doc.tree, this.runtime.catalog, {
      installed: this.installedVersion(),
      siblingModules: project?.siblingModules ?? [],
      targets: {
        names: all ? 'all' : [this.currentTarget(uri)],
        flags: context?.flags,
        contextProblem: context?.problem,
      },
      sources: { configUri: uri, files: this.sourcesOf(uri) },
      memo: this.memoOf(uri),
    });
  }

  private async pullSettings(): Promise<void> {
    const [mirage] = (await this.connection.workspace.getConfiguration([
      { section: 'mirage' },
    ])) as [Settings | null];
    if (mirage) this.applySettings(mirage);
  }

  private applySettings(settings: Settings): void {
    this.settings = settings;
    this.analyses.clear();
    this.memos.clear();
    for (const uri of this.documents.keys()) this.publish(uri);
  }

  private republishDirectory(dir: string): void {
    for (const uri of this.analyses.keys()) if (directoryOf(uri) === dir) this.analyses.delete(uri);
    for (const uri of this.memos.keys()) if (directoryOf(uri) === dir) this.memos.delete(uri);
    for (const uri of this.documents.keys()) if (directoryOf(uri) === dir) this.publish(uri);
  }

  /** Analyses the current text and publishes; waits for the project facts on first use. */
  private publish(uri: string): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const dir = directoryOf(uri);
    if (!isConfigFile(uri)) {
      // Its trees count among the kept ones too, or every opened source would keep them.
      this.touch(uri);
      // An edited unikernel source changes the cross-file check of its config.ml.
      const config = dir ? pathToFileURL(join(dir, 'config.ml')).toString() : null;
      if (config && this.documents.has(config)) this.publish(config);
      return;
    }
    if (dir && !this.projects.peek(dir)) {
      void this.projects.load(dir).then(() => this.publish(uri));
      return;
    }
    try {
      const analysis = this.analyze(uri);
      this.analyses.set(uri, { version: doc.version, analysis });
      void this.connection
        .sendDiagnostics({
          uri,
          version: doc.version,
          diagnostics: analysis.diagnostics,
        })
        .finally(() => this.detectInstalled());
      this.touch(uri);
      const before = this.sourceDiagnosticUris.get(uri) ?? new Set<string>();
      const now = new Set<string>();
      for (const [sourceUri, ds] of analysis.sourceDiagnostics) {
        if (ds.length === 0 && !before.has(sourceUri)) continue;
        now.add(sourceUri);
        const open = this.documents.get(sourceUri);
        void this.connection.sendDiagnostics({
          uri: sourceUri,
          version: open?.version,
          diagnostics: ds,
        });
      }
      for (const gone of before) {
        if (!now.has(gone)) void this.connection.sendDiagnostics({ uri: gone, diagnostics: [] });
      }
      this.sourceDiagnosticUris.set(uri, now);
    } catch (e) {
      // A bug in the analysis must not take the server down or lose the user's text.
      this.connection.console.error(
        `mirage-lsp: analysis failed for ${uri}: ${(e as Error).stack ?? e}`,
      );
    }
  }
}

export function startServer(): void {
  setFlags(SERVER_FLAGS); // already set by dist/cli.js, not by tests loading this module
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
