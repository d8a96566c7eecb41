import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
} from 'vscode-jsonrpc/node';
import { Diagnostic } from 'vscode-languageserver-types';

export const serverBundle = join(__dirname, '../../../dist/cli.js');

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

/** A real language server in a child process, spoken to over JSON-RPC on stdio. */
export class LspClient {
  readonly published: PublishedDiagnostics[] = [];
  private waiters: {
    pred: (p: PublishedDiagnostics) => boolean;
    resolve: (p: PublishedDiagnostics) => void;
  }[] = [];
  readonly stderr: string[] = [];
  /** What the server answered to `initialize`. */
  capabilities: Record<string, unknown> = {};

  private constructor(
    readonly proc: ChildProcess,
    readonly connection: MessageConnection,
  ) {}

  static async start(
    env: Record<string, string> = {},
    init: { initializationOptions?: unknown; capabilities?: object } = {},
  ): Promise<LspClient> {
    const proc = spawn(process.execPath, [serverBundle, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    const connection = createMessageConnection(
      new StreamMessageReader(proc.stdout!),
      new StreamMessageWriter(proc.stdin!),
    );
    const client = new LspClient(proc, connection);
    proc.stderr!.on('data', (b: Buffer) => client.stderr.push(b.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      client.published.push(p);
      client.waiters = client.waiters.filter((w) => {
        if (!w.pred(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    connection.onRequest('workspace/configuration', () => [{}]);
    connection.onNotification('window/logMessage', () => undefined);
    connection.listen();
    const result: { capabilities: Record<string, unknown> } = await connection.sendRequest(
      'initialize',
      {
        processId: process.pid,
        rootUri: null,
        capabilities: init.capabilities ?? {},
        initializationOptions: init.initializationOptions,
        workspaceFolders: null,
      },
    );
    client.capabilities = result.capabilities;
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** Resolves with the first publication (past or future) that satisfies `pred`. */
  diagnostics(
    pred: (p: PublishedDiagnostics) => boolean,
    timeoutMs = 10000,
  ): Promise<PublishedDiagnostics> {
    const seen = this.published.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching diagnostics within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        pred,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'ocaml', version, text },
    });
  }

  change(uri: string, version: number, changes: unknown[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([
        this.connection.sendRequest('shutdown'),
        new Promise((r) => setTimeout(r, 2000)),
      ]);
      await this.connection.sendNotification('exit');
    } catch {
      // The process may already be gone.
    }
    this.connection.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
  }
}

export function fileUri(path: string): string {
  return pathToFileURL(path).toString();
}
