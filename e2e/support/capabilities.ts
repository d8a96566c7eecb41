import { spawn } from 'node:child_process';
import {
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
} from 'vscode-jsonrpc/node';
import { serverBundle } from './env';

export interface ServerFacts {
  commands: string[];
  capabilities: Record<string, unknown>;
}

let cached: Promise<ServerFacts> | undefined;

/**
 * What the built server offers (initialize result). Tests of features that another
 * branch brings (the run commands) check this and say they are pending until it is there.
 */
export function serverFacts(): Promise<ServerFacts> {
  cached ??= (async () => {
    const proc = spawn(process.execPath, [serverBundle, '--stdio'], {
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const conn = createMessageConnection(
      new StreamMessageReader(proc.stdout!),
      new StreamMessageWriter(proc.stdin!),
    );
    conn.listen();
    try {
      const init = (await conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
      })) as {
        capabilities: Record<string, unknown> & {
          executeCommandProvider?: { commands?: string[] };
        };
      };
      return {
        commands: init.capabilities.executeCommandProvider?.commands ?? [],
        capabilities: init.capabilities,
      };
    } finally {
      conn.dispose();
      proc.kill();
    }
  })();
  return cached;
}
