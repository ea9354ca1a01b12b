/**
 * What the VS Code AWS commands (deploy, preview, pull) share: the deploy log, the AWS context
 * from the settings, error messages with "Show Log", and cancellable progress.
 */

import * as vscode from 'vscode';
import type { AwsContext, AwsContextOptions, AwsLogger } from '../../../common/src/aws';
import { awsSettings, loadAws, type AwsModule } from '../aws/awsModule';
import { editorAwsError, openSettingsCommand } from '../aws/errorMessages';

/** Overrides of the AWS settings for one call (tests); the endpoint is still validated. */
export type AwsOverrides = Pick<
  AwsContextOptions,
  'profile' | 'region' | 'endpointUrl' | 'credentials' | 'env' | 'maxAttempts'
>;

export const RESTRICTED =
  'AWS calls are off in Restricted Mode. Trust the workspace to deploy, preview or pull.';
const SHOW_LOG = 'Show Log';
const OPEN_SETTINGS = 'Open Settings';

/** Opens the settings at one setting (the Remote tab in a remote window: AWS settings are machine-scoped). */
export function openSetting(setting: string): Thenable<unknown> {
  const { command, args } = openSettingsCommand(vscode.env.remoteName, setting);
  return vscode.commands.executeCommand(command, ...args);
}

/** Thrown when the user cancelled before the work began. */
export class Cancelled extends Error {}

export class AwsSession implements vscode.Disposable {
  private channel: vscode.LogOutputChannel | undefined;

  constructor(private readonly extensionPath: string) {}

  dispose(): void {
    this.channel?.dispose();
  }

  /** The AWS boundary (loaded on first use). */
  aws(): AwsModule {
    return loadAws(this.extensionPath);
  }

  /** The deploy log ("AWS Config Remediation: Deploy"), created on first use. */
  get log(): vscode.LogOutputChannel {
    this.channel ??= vscode.window.createOutputChannel('AWS Config Remediation: Deploy', {
      log: true,
    });
    return this.channel;
  }

  private logger(): AwsLogger {
    const log = this.log;
    return { info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m) };
  }

  async createContext(aws: AwsModule, overrides: AwsOverrides = {}): Promise<AwsContext> {
    return aws.createAwsContext({ ...awsSettings(), logger: this.logger(), ...overrides });
  }

  /**
   * Shows an error with "Open Settings" (when a setting fixes it) and "Show Log" buttons; resolves
   * at once (the buttons are handled later).
   */
  showError(message: string, setting?: string): void {
    const buttons = setting ? [OPEN_SETTINGS, SHOW_LOG] : [SHOW_LOG];
    void vscode.window.showErrorMessage(message, ...buttons).then((choice) => {
      if (choice === SHOW_LOG) this.log.show(true);
      else if (choice === OPEN_SETTINGS && setting) void openSetting(setting);
    });
  }

  /** Shows a warning with a "Show Log" button; resolves at once. */
  showWarning(message: string): void {
    void vscode.window.showWarningMessage(message, SHOW_LOG).then((choice) => {
      if (choice === SHOW_LOG) this.log.show(true);
    });
  }

  /**
   * The user-facing text of an error thrown by the AWS boundary (redacted), in the editor's words:
   * the setting that fixes it by id (`setting`, for "Open Settings"), not the CLI's flags.
   */
  describe(
    aws: AwsModule,
    error: unknown,
    operation: string,
  ): { message: string; cancelled: boolean; setting?: string } {
    if (error instanceof Cancelled) return { message: 'Cancelled.', cancelled: true };
    const classified = aws.classifyAwsError(error, { operation, redact: aws.redact });
    const { message, setting } = editorAwsError(classified, Boolean(awsSettings().endpointUrl));
    return { message, cancelled: classified.kind === 'cancelled', setting };
  }

  /** Runs `work` under a cancellable progress notification (Cancel aborts the signal). */
  withCancellableProgress<T>(
    title: string,
    work: (signal: AbortSignal) => Promise<T>,
  ): PromiseLike<T> {
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (_progress, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        try {
          return await work(controller.signal);
        } finally {
          sub.dispose();
        }
      },
    );
  }
}
