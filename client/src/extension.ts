import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  COMMANDS,
  DOCUMENT_STATUS_NOTIFICATION,
  SERVER_NAME,
  SETTINGS_SECTION,
  TEST_COMMANDS,
  TEST_CRASH_NOTIFICATION,
  TEST_HOOKS_ENV,
  type DocumentStatusParams,
} from '../../common/src/protocol';
import { SERVER_NODE_OPTIONS } from '../../common/src/serverRuntime';
import { createServerErrorHandler } from './serverErrorHandler';
import { LanguageStatus } from './languageStatus';
import { registerNewRequest } from './newRequest';
import { registerExportCommands } from './exportCommands';
import { registerRuleActions } from './ruleActions';
import { DOCUMENT_SELECTOR } from './documentSelector';
import { registerDeployFeatures, type DeployApi } from './deploy';
import { registerAccountFeatures, type AccountApi } from './account';

/**
 * What `activate` returns: tests await `ready` instead of sleeping. `deploy`, `preview` and `pull`
 * take injectable answers to their dialogs (see client/src/deploy/deployCommands.ts).
 */
export interface ExtensionApi extends DeployApi, AccountApi {
  /** Resolves when the language server is running. */
  ready: Promise<void>;
  client: LanguageClient;
  /** The last status the server sent for a document (recognised, counts). */
  documentStatus(uri: vscode.Uri): DocumentStatusParams | undefined;
  /** Resolves when the server has sent a status for the document. */
  waitForStatus(uri: vscode.Uri, timeoutMs?: number): Promise<DocumentStatusParams>;
}

/** Files the server looks at; it decides itself which are remediation files and ignores the rest. */
export { DOCUMENT_SELECTOR };

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const output = vscode.window.createOutputChannel(SERVER_NAME, { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    // SERVER_NODE_OPTIONS: a young generation sized for opening large files (serverRuntime.ts).
    run: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_OPTIONS] },
    },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6019'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: SETTINGS_SECTION },
    // The server offers pull diagnostics (no debounce): pull when a document opens or changes.
    diagnosticPullOptions: { onChange: true, onSave: false },
    outputChannel: output,
    // A crashed server is restarted (up to 4 times in 3 minutes) and the user is told, with the log.
    errorHandler: createServerErrorHandler({
      actions: {
        restart: CloseAction.Restart,
        doNotRestart: CloseAction.DoNotRestart,
        continue: ErrorAction.Continue,
        shutdown: ErrorAction.Shutdown,
      },
      onRestart: (message) => {
        output.warn(message);
        void vscode.window
          .showWarningMessage(message, 'Show Log')
          .then((choice) => choice && output.show(true));
      },
      onGiveUp: (message) => {
        output.error(message);
        void vscode.window.showErrorMessage(message, 'Show Log', 'Restart').then((choice) => {
          if (choice === 'Show Log') output.show(true);
          if (choice === 'Restart') void vscode.commands.executeCommand(COMMANDS.restartServer);
        });
      },
    }),
    initializationOptions: {
      settings: vscode.workspace.getConfiguration(SETTINGS_SECTION),
      // Completion items may carry VS Code commands (editor.action.triggerSuggest).
      vscodeCommands: true,
    },
  };
  const languageClient = new LanguageClient(
    'awsConfigRemediation',
    SERVER_NAME,
    serverOptions,
    clientOptions,
  );
  client = languageClient;

  const status = new LanguageStatus();
  const waiters = new Map<string, ((status: DocumentStatusParams) => void)[]>();
  // Every document's last status, unrecognised ones included, so that `waitForStatus` resolves
  // for a status that arrived before the call (the status item keeps recognised ones only).
  const lastStatus = new Map<string, DocumentStatusParams>();
  context.subscriptions.push(
    status,
    output,
    vscode.window.onDidChangeActiveTextEditor(() => status.onActiveEditorChanged()),
    vscode.workspace.onDidCloseTextDocument((d) => lastStatus.delete(d.uri.toString())),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      await languageClient.restart();
    }),
    registerNewRequest(),
  );
  if (process.env[TEST_HOOKS_ENV] === '1') {
    // Hidden (not contributed) test command: makes the server exit, see common/src/protocol.ts.
    context.subscriptions.push(
      vscode.commands.registerCommand(TEST_COMMANDS.crashServer, () =>
        languageClient.sendNotification(TEST_CRASH_NOTIFICATION),
      ),
    );
  }

  const ready = languageClient.start().then(() => {
    context.subscriptions.push(
      languageClient.onNotification(DOCUMENT_STATUS_NOTIFICATION, (params) => {
        lastStatus.set(params.uri, params);
        status.update(params);
        deploy.onDocumentStatus(params);
        account.onDocumentStatus(params);
        const pending = waiters.get(params.uri) ?? [];
        waiters.delete(params.uri);
        for (const resolve of pending) resolve(params);
      }),
    );
  });
  registerExportCommands(context, languageClient, ready);
  registerRuleActions(context, DOCUMENT_SELECTOR);
  const deploy = registerDeployFeatures(context, {
    client: languageClient,
    ready,
    statusOf: (uri) => lastStatus.get(uri.toString()),
    selector: DOCUMENT_SELECTOR,
  });
  // Account look-ups: facts about the user's account for the server (it never calls AWS).
  const account = registerAccountFeatures(context, { client: languageClient, ready, output });
  ready.catch((error: unknown) => {
    output.error(`The language server did not start: ${String(error)}`);
    void vscode.window.showErrorMessage(
      `AWS Config Remediation: the language server did not start. ${String(error)}`,
    );
  });

  return {
    ...deploy.api,
    ...account.api,
    ready,
    client: languageClient,
    documentStatus: (uri) => lastStatus.get(uri.toString()),
    waitForStatus: (uri, timeoutMs = 20000) =>
      new Promise((resolve, reject) => {
        const known = lastStatus.get(uri.toString());
        if (known) {
          resolve(known);
          return;
        }
        const timer = setTimeout(
          () => reject(new Error(`No status for ${uri.toString()}`)),
          timeoutMs,
        );
        const list = waiters.get(uri.toString()) ?? [];
        list.push((value) => {
          clearTimeout(timer);
          resolve(value);
        });
        waiters.set(uri.toString(), list);
      }),
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
