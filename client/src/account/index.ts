/**
 * Account look-ups in VS Code: the controller, the status item and the refresh command
 * ("AWS Config: Refresh Account Data"). Nothing here loads the AWS SDK until a look-up runs.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS } from '../../../common/src/protocol';
import type { DocumentStatusParams } from '../../../common/src/protocol';
import { AccountController, type AccountApi } from './accountController';

export type {
  AccountApi,
  AccountAwsOverrides,
  AccountOutcome,
  AccountState,
} from './accountController';

export function registerAccountFeatures(
  context: vscode.ExtensionContext,
  options: { client: LanguageClient; ready: Promise<void>; output: vscode.LogOutputChannel },
): { api: AccountApi; onDocumentStatus(status: DocumentStatusParams): void } {
  const controller = new AccountController({
    extensionPath: context.extensionPath,
    globalState: context.globalState,
    client: options.client,
    ready: options.ready,
    output: options.output,
  });
  context.subscriptions.push(
    controller,
    vscode.commands.registerCommand(COMMANDS.refreshAccount, async () => {
      const outcome = await controller.refresh();
      // Asked for explicitly: say how it went, in the status bar only (never a popup).
      vscode.window.setStatusBarMessage(
        outcome.status === 'ready'
          ? `AWS Config: account data refreshed (${outcome.facts?.accountId}, ${outcome.facts?.region})`
          : `AWS Config: ${outcome.message}`,
        5000,
      );
      return outcome;
    }),
  );
  return {
    api: controller.api,
    onDocumentStatus: (status) => controller.onDocumentStatus(status),
  };
}
