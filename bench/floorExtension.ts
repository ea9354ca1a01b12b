/**
 * The activation floor: the least an extension with a language client loads and does (a
 * LanguageClient for a server module, started). Bundled like dist/extension.js (bench/build.mjs)
 * and timed like it, so that activation can be compared with it.
 */
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';

export function activate(context: vscode.ExtensionContext): void {
  const module = context.asAbsolutePath('dist/server.js');
  const client = new LanguageClient(
    'floor',
    'Floor',
    {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc },
    },
    { documentSelector: [{ language: 'json' }] },
  );
  void client.start().catch(() => undefined);
}
