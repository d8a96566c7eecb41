import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('server/dist/cli.js');
  const outputChannel = vscode.window.createOutputChannel('MirageOS', { log: true });
  context.subscriptions.push(outputChannel);

  // With TransportKind.stdio the client starts `node server/dist/cli.js --stdio
  // --clientProcessId=<pid>` (it appends both flags itself).
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: {
      module: serverModule,
      transport: TransportKind.stdio,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', pattern: '**/config.ml' },
      { scheme: 'file', language: 'mirage-config' },
    ],
    outputChannel,
  };

  client = new LanguageClient('mirage', 'MirageOS', serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  if (client) {
    const running = client;
    client = undefined;
    await running.stop();
  }
}
