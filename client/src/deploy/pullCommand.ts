/**
 * The Pull command in VS Code: the account's remediation configurations as a new request file
 * (JSON or YAML), through the AWS boundary.
 */

import * as vscode from 'vscode';
import type { AwsContext, DocumentFormat } from '../../../common/src/aws';
import { plural } from '../../../common/src/deploy/workflow';
import { Cancelled, RESTRICTED, type AwsOverrides, type AwsSession } from './awsSession';

/** Options of {@link pull}. */
export interface PullOptions {
  /** Default: the active editor's format, else the user is asked. */
  format?: DocumentFormat;
  /** Only these Config rules (default: every rule of the account and region). */
  rules?: string[];
  /** Open the result in an untitled editor (default true). */
  show?: boolean;
  aws?: AwsOverrides;
}

export interface PullOutcome {
  status: 'pulled' | 'cancelled' | 'refused' | 'error';
  message: string;
  document?: vscode.TextDocument;
  text?: string;
}

export async function pull(session: AwsSession, options: PullOptions = {}): Promise<PullOutcome> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(RESTRICTED);
    return { status: 'refused', message: RESTRICTED };
  }
  const format = options.format ?? (await pickFormat());
  if (!format) return { status: 'cancelled', message: 'Cancelled.' };
  const aws = session.aws();
  const opened: { ctx?: AwsContext } = {};
  try {
    const { ctx: context, result } = await session.withCancellableProgress(
      'AWS Config: pulling remediation configurations…',
      async (signal) => {
        const ctx = await session.createContext(aws, options.aws);
        opened.ctx = ctx;
        if (signal.aborted) throw new Cancelled();
        const account = await aws.getAccount(ctx, signal);
        const pulled = await aws.pull(ctx, { rules: options.rules, signal });
        return { ctx, result: { account, pulled } };
      },
    );
    const text = aws.formatRemediationDocument(result.pulled.configurations, format);
    const count = result.pulled.configurations.length;
    const none = result.pulled.withoutRemediation.length;
    const message = `Pulled ${plural(count, 'remediation configuration')} from account ${result.account.account} in ${context.settings.region}${none ? ` (${plural(none, 'rule')} without one)` : ''}.`;
    context.logger.info(message);
    let document: vscode.TextDocument | undefined;
    if (options.show !== false) {
      document = await vscode.workspace.openTextDocument({
        language: format === 'yaml' ? 'yaml' : 'json',
        content: text,
      });
      await vscode.window.showTextDocument(document);
      void vscode.window.showInformationMessage(message);
    }
    return { status: 'pulled', message, document, text };
  } catch (error) {
    const { message, cancelled, setting } = session.describe(aws, error, 'pull');
    if (cancelled) return { status: 'cancelled', message };
    session.log.error(aws.redact(message));
    session.showError(message, setting);
    return { status: 'error', message };
  } finally {
    opened.ctx?.close();
  }
}

/** The active file's format, else the user's choice. */
async function pickFormat(): Promise<DocumentFormat | undefined> {
  const language = vscode.window.activeTextEditor?.document.languageId;
  if (language === 'yaml') return 'yaml';
  if (language === 'json' || language === 'jsonc') return 'json';
  const choice = await vscode.window.showQuickPick(
    [
      { label: 'JSON', description: 'for --cli-input-json', format: 'json' as const },
      {
        label: 'YAML',
        description: 'for --cli-input-yaml (AWS CLI v2)',
        format: 'yaml' as const,
      },
    ],
    { title: 'Pull remediation configurations as' },
  );
  return choice?.format;
}
