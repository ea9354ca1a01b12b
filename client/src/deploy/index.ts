/**
 * Deploy, preview and pull in VS Code: the commands, the code lens and the API functions.
 * Nothing here loads the AWS SDK; the controller requires dist/aws.js on the first AWS command.
 */

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { DocumentStatusParams, PayloadResult } from '../../../common/src/protocol';
import { PAYLOAD_REQUEST } from '../../../common/src/protocol';
import { DeployCodeLensProvider } from './codeLens';
import type { DeployApi } from './deployCommands';
import { DeployController } from './deployCommands';
import { RolloutController } from './rolloutCommands';

export type { RolloutAnswers, RolloutOutcome } from './rolloutCommands';

export type {
  ConfirmPrompt,
  DeployApi,
  DeployOptions,
  DeployOutcome,
  PreviewOptions,
  PreviewOutcome,
  PullOptions,
  PullOutcome,
} from './deployCommands';

/** The context key that shows Deploy in the editor title: the active file is a request file. */
export const DEPLOYABLE_CONTEXT = 'awsConfigRemediation.deployable';

/**
 * Registers the deploy commands and the code lens. Returns the functions for the API, and
 * `onDocumentStatus` for the server's document status notifications (it keeps the
 * {@link DEPLOYABLE_CONTEXT} context key of the active editor up to date).
 */
export function registerDeployFeatures(
  context: vscode.ExtensionContext,
  options: {
    client: LanguageClient;
    /** Resolves when the language server runs. */
    ready: Promise<void>;
    statusOf(uri: vscode.Uri): DocumentStatusParams | undefined;
    selector: vscode.DocumentSelector;
  },
): { api: DeployApi; onDocumentStatus(status: DocumentStatusParams): void } {
  const requestPayload = async (
    uri: string,
    token?: vscode.CancellationToken,
  ): Promise<PayloadResult | null> => {
    await options.ready;
    return options.client.sendRequest(PAYLOAD_REQUEST, { uri }, token);
  };
  const controller = new DeployController({
    extensionPath: context.extensionPath,
    requestPayload,
    statusOf: options.statusOf,
  });
  const rollout = new RolloutController(controller, options.client, options.ready);
  const codeLens = new DeployCodeLensProvider(requestPayload, options.statusOf);
  context.subscriptions.push(
    controller,
    codeLens,
    vscode.languages.registerCodeLensProvider(options.selector, codeLens),
    ...controller.registerCommands(),
    ...rollout.registerCommands(),
  );
  let deployable: boolean | undefined;
  const updateContext = (): void => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const status = uri ? options.statusOf(uri) : undefined;
    const value = status?.recognised === true && status.kind !== 'cloudformation';
    if (value !== deployable) {
      deployable = value;
      void vscode.commands.executeCommand('setContext', DEPLOYABLE_CONTEXT, value);
    }
  };
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(updateContext));
  updateContext();
  return {
    api: {
      deploy: (uri, o) => controller.deploy(uri, o),
      preview: (uri, o) => controller.preview(uri, o),
      pull: (o) => controller.pull(o),
      deployToRegions: (uri, o) => rollout.deployToRegions(uri, o),
      rollOutStackSet: (uri, o) => rollout.rollOutStackSet(uri, o),
      deployOrganizationPack: (uri, o) => rollout.deployOrganizationPack(uri, o),
      deployDiagnostics: (uri) => controller.diagnostics.get(uri) ?? [],
    },
    onDocumentStatus: (status) => {
      if (status.uri === vscode.window.activeTextEditor?.document.uri.toString()) updateContext();
    },
  };
}
