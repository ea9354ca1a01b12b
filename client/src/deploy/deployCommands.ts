/**
 * The Deploy, Preview and Pull commands of VS Code. Deploy and preview are the deploy workflow of
 * common/src/deploy/workflow.ts with VS Code as its front end (dialogs, progress notifications,
 * the preview documents, diagnostics for rejected configurations). Every AWS call goes through
 * the AWS boundary (common/src/aws), loaded by ../aws/awsModule.ts on first use so that
 * activation never loads the SDK.
 *
 * The dialogs are injectable (see {@link DeployOptions}), so the real-editor tests can answer
 * them: `api.deploy(uri, { confirm: async () => true, showPreview: false })`.
 */

import * as vscode from 'vscode';
import type {
  AwsContext,
  AwsContextOptions,
  AwsLogger,
  DeployReport,
  DocumentFormat,
} from '../../../common/src/aws';
import {
  deployVerdict,
  runDeployWorkflow,
  type PlannedDeploy,
} from '../../../common/src/deploy/workflow';
import type { DocumentStatusParams, PayloadResult } from '../../../common/src/protocol';
import { COMMANDS, DIAGNOSTIC_SOURCE, ruleDocUrl } from '../../../common/src/protocol';
import { awsSettings, loadAws, type AwsModule } from '../aws/awsModule';
import type { ConfigurationTarget, PreviewModel, Selection } from './model';
import {
  DEPLOY_FAILED_RULE,
  blockingProblems,
  buildPreviewModel,
  confirmationText,
  countsText,
  failureDiagnostics,
  payloadRefusal,
  plural,
  reportMessage,
  selectConfigurations,
  valuesOf,
} from './model';
import { confirmModal, reviewChanges } from './dialogs';
import type { PreviewHandle } from './previewDocuments';
import { PREVIEW_SCHEME, PreviewDocuments } from './previewDocuments';

/** Overrides of the AWS settings for one call (tests); the endpoint is still validated. */
export type AwsOverrides = Pick<
  AwsContextOptions,
  'profile' | 'region' | 'endpointUrl' | 'credentials' | 'env' | 'maxAttempts'
>;

/** What the confirmation shows: the modal's message and detail, and the preview. */
export interface ConfirmPrompt {
  message: string;
  detail: string;
  preview: PreviewModel;
}

/** Options of {@link DeployController.deploy}. */
export interface DeployOptions {
  /** Deploy only this configuration of the file (the code lens). */
  only?: ConfigurationTarget;
  /**
   * Answers the confirmation instead of the modal dialog. Receives the dialog's text and the
   * preview; resolve true to deploy.
   */
  confirm?: (prompt: ConfirmPrompt) => Promise<boolean>;
  /** Open the preview document beside the editor (default true). */
  showPreview?: boolean;
  aws?: AwsOverrides;
}

/** How a deploy ended. */
export interface DeployOutcome {
  status: 'deployed' | 'failed' | 'cancelled' | 'declined' | 'blocked' | 'refused' | 'error';
  /** What the user was told. */
  message: string;
  preview?: PreviewModel;
  report?: DeployReport;
}

/** Options of {@link DeployController.preview}. */
export interface PreviewOptions {
  /** Open the preview document and the review list (default true). */
  show?: boolean;
  aws?: AwsOverrides;
}

export interface PreviewOutcome {
  status: 'previewed' | 'blocked' | 'refused' | 'cancelled' | 'error';
  message: string;
  preview?: PreviewModel;
}

/** Options of {@link DeployController.pull}. */
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

/** What deploy, preview and pull add to the extension's API (for tests and other extensions). */
export interface DeployApi {
  deploy(uri?: vscode.Uri, options?: DeployOptions): Promise<DeployOutcome>;
  preview(uri?: vscode.Uri, options?: PreviewOptions): Promise<PreviewOutcome>;
  pull(options?: PullOptions): Promise<PullOutcome>;
  /** The RC500 diagnostics the last deploy put on a document. */
  deployDiagnostics(uri: vscode.Uri): readonly vscode.Diagnostic[];
}

export interface DeployDeps {
  extensionPath: string;
  requestPayload(uri: string, token?: vscode.CancellationToken): Promise<PayloadResult | null>;
  statusOf(uri: vscode.Uri): DocumentStatusParams | undefined;
}

const RESTRICTED =
  'AWS calls are off in Restricted Mode. Trust the workspace to deploy, preview or pull.';
const SHOW_LOG = 'Show Log';

class Cancelled extends Error {}

/** The deploy, preview and pull flows; one per extension activation. */
export class DeployController implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection(
    'aws-config-remediation-deploy',
  );
  private readonly previews = new PreviewDocuments();
  private channel: vscode.LogOutputChannel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: DeployDeps) {
    this.disposables.push(
      this.diagnostics,
      this.previews,
      vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this.previews),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.diagnostics.has(e.document.uri)) {
          this.diagnostics.delete(e.document.uri);
        }
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.diagnostics.delete(d.uri)),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.channel?.dispose();
  }

  /** The deploy log ("AWS Config Remediation: Deploy"), created on first use. */
  private get log(): vscode.LogOutputChannel {
    this.channel ??= vscode.window.createOutputChannel('AWS Config Remediation: Deploy', {
      log: true,
    });
    return this.channel;
  }

  private logger(): AwsLogger {
    const log = this.log;
    return { info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m) };
  }

  private async createContext(aws: AwsModule, overrides: AwsOverrides = {}): Promise<AwsContext> {
    return aws.createAwsContext({ ...awsSettings(), logger: this.logger(), ...overrides });
  }

  /** Shows an error with a "Show Log" button; resolves at once (the button is handled later). */
  private showError(message: string): void {
    void vscode.window.showErrorMessage(message, SHOW_LOG).then((choice) => {
      if (choice === SHOW_LOG) this.log.show(true);
    });
  }

  /** The user-facing text of an error thrown by the AWS boundary (redacted). */
  private describe(
    aws: AwsModule,
    error: unknown,
    operation: string,
  ): { message: string; cancelled: boolean } {
    if (error instanceof Cancelled) return { message: 'Cancelled.', cancelled: true };
    const classified = aws.classifyAwsError(error, { operation, redact: aws.redact });
    return { message: classified.message, cancelled: classified.kind === 'cancelled' };
  }

  private async documentFor(uri: vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
    if (uri) return vscode.workspace.openTextDocument(uri);
    return vscode.window.activeTextEditor?.document;
  }

  private label(document: vscode.TextDocument): string {
    return document.isUntitled
      ? document.uri.path
      : vscode.workspace.asRelativePath(document.uri, false);
  }

  /**
   * The steps before AWS, shared by deploy and preview: the server's payload (errors block) and
   * the configurations to send. Returns an outcome to stop with, or what the workflow needs.
   */
  private async checkPayload(
    document: vscode.TextDocument,
    only: ConfigurationTarget | undefined,
  ): Promise<
    | { stop: { status: 'blocked' | 'refused'; message: string } }
    | { stop?: undefined; payload: PayloadResult; selection: Selection; fileLabel: string }
  > {
    const fileLabel = this.label(document);
    const payload = await this.deps.requestPayload(document.uri.toString());
    const refusal = payloadRefusal(payload, document.version, fileLabel);
    if (refusal || !payload) {
      void vscode.window.showWarningMessage(refusal ?? fileLabel);
      return { stop: { status: 'refused', message: refusal ?? fileLabel } };
    }
    const errors = blockingProblems(payload);
    if (errors.length > 0) {
      const message = `${fileLabel} has ${plural(errors.length, 'error')}; fix ${errors.length === 1 ? 'it' : 'them'} first. Nothing was sent.`;
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      void vscode.window.showErrorMessage(message);
      return { stop: { status: 'blocked', message } };
    }
    const selection = selectConfigurations(payload, only);
    if (typeof selection === 'string') {
      void vscode.window.showWarningMessage(selection);
      return { stop: { status: 'refused', message: selection } };
    }
    return { payload, selection, fileLabel };
  }

  /** The preview model of a plan (and its line in the log). */
  private previewModel(
    aws: AwsModule,
    planned: PlannedDeploy,
    selection: Selection,
    fileLabel: string,
  ): PreviewModel {
    const preview = buildPreviewModel(planned.plan, selection, {
      fileLabel,
      account: planned.account.account,
      region: planned.settings.region,
      settingsText: aws.describeSettings(planned.settings),
    });
    planned.ctx.logger.info(
      `Preview of ${fileLabel} for account ${preview.account}: ${countsText(preview.counts)}`,
    );
    return preview;
  }

  /** A failure while reading the deployed state, as the user is told. */
  private readingFailed(
    aws: AwsModule,
    error: unknown,
  ): { status: 'cancelled' | 'error'; message: string } {
    const { message, cancelled } = this.describe(aws, error, 'reading the deployed state');
    if (cancelled) return { status: 'cancelled', message };
    this.log.error(aws.redact(message));
    this.showError(message);
    return { status: 'error', message };
  }

  /** The document to deploy or preview, or why there is none (Restricted Mode, no editor). */
  private async target(
    uri: vscode.Uri | undefined,
    missing: string,
  ): Promise<{ document: vscode.TextDocument } | { stop: { status: 'refused'; message: string } }> {
    const refuse = (message: string) => {
      void vscode.window.showWarningMessage(message);
      return { stop: { status: 'refused' as const, message } };
    };
    if (!vscode.workspace.isTrusted) return refuse(RESTRICTED);
    const document = await this.documentFor(uri);
    return document ? { document } : refuse(missing);
  }

  async deploy(uri?: vscode.Uri, options: DeployOptions = {}): Promise<DeployOutcome> {
    const target = await this.target(uri, 'Open a remediation request file to deploy.');
    if ('stop' in target) return target.stop;
    const { document } = target;
    // 1. Save the file (an untitled document is deployed as it is).
    if (!document.isUntitled && document.isDirty && !(await document.save())) {
      const message = `${this.label(document)} could not be saved; nothing was sent.`;
      void vscode.window.showErrorMessage(message);
      return { status: 'refused', message };
    }
    // 2. Payload and problems.
    const checked = await this.checkPayload(document, options.only);
    if (checked.stop) return checked.stop;
    const { payload, selection, fileLabel } = checked;
    const aws = loadAws(this.deps.extensionPath);
    const values = valuesOf(selection);
    let preview: PreviewModel | undefined;
    let handle: PreviewHandle | undefined;
    // 3-9. Account and deployed state, preview, confirmation, batches, report.
    const outcome = await runDeployWorkflow<DeployOutcome>(
      aws,
      { values, indices: selection.indices },
      {
        openContext: () => this.createContext(aws, options.aws),
        reading: (work) =>
          this.withCancellableProgress('AWS Config: reading the deployed state…', work),
        preview: async (planned) => {
          preview = this.previewModel(aws, planned, selection, fileLabel);
          if (options.showPreview !== false) {
            handle = this.previews.add(preview);
            await vscode.window.showTextDocument(handle.summary, {
              viewColumn: vscode.ViewColumn.Beside,
              preserveFocus: true,
              preview: true,
            });
          }
        },
        // Confirm in a modal naming the account, the region and the counts.
        confirm: async () => {
          const shown = preview!;
          const text = confirmationText(shown);
          const confirmed = options.confirm
            ? await options.confirm({ ...text, preview: shown })
            : await confirmModal(text, shown, handle);
          return confirmed ? 'yes' : 'no';
        },
        // A deploy sends exactly the version that was checked.
        refuseToSend: () =>
          document.version === payload.version
            ? undefined
            : `${fileLabel} changed after it was checked; nothing was sent. Deploy again to check and send the new version.`,
        sending: (planned, send) =>
          vscode.window.withProgress(
            {
              location: vscode.ProgressLocation.Notification,
              title: `Deploying ${plural(values.length, 'remediation configuration')} to ${planned.account.account} in ${planned.settings.region}`,
              cancellable: true,
            },
            async (progress, token) => {
              const controller = new AbortController();
              const sub = token.onCancellationRequested(() => {
                planned.ctx.logger.warn(
                  'Cancel requested: the batch in flight finishes, later batches are not sent.',
                );
                controller.abort();
              });
              let reported = 0;
              try {
                return await send(controller.signal, (p) => {
                  if (p.phase === 'sending') {
                    progress.report({ message: `batch ${p.batch} of ${p.batchCount}` });
                  } else {
                    progress.report({
                      increment: (100 * (p.done - reported)) / p.total,
                      message: `${p.done} of ${p.total} sent`,
                    });
                    reported = p.done;
                  }
                });
              } finally {
                sub.dispose();
              }
            },
          ),
        // FailedBatches items on their configurations, exceptions as one message.
        report: (report, planned) =>
          this.report(document, selection, preview!, report, planned.ctx, aws),
      },
    );
    switch (outcome.step) {
      case 'failed':
        return this.readingFailed(aws, outcome.error);
      case 'cancelled':
        return { status: 'cancelled', message: 'Cancelled.' };
      case 'not-confirmed':
        outcome.planned.ctx.logger.info('Deploy not confirmed; nothing was sent.');
        return { status: 'declined', message: 'Not confirmed; nothing was sent.', preview };
      case 'refused':
        outcome.planned.ctx.logger.warn(outcome.message);
        void vscode.window.showWarningMessage(outcome.message);
        return { status: 'refused', message: outcome.message, preview };
      case 'reported':
        return outcome.result;
      case 'previewed':
        // Not reached: a deploy is not asked to stop after the preview.
        return { status: 'declined', message: 'Not confirmed; nothing was sent.', preview };
    }
  }

  private report(
    document: vscode.TextDocument,
    selection: Selection,
    preview: PreviewModel,
    report: DeployReport,
    ctx: AwsContext,
    aws: AwsModule,
  ): DeployOutcome {
    ctx.logger.info(`Deploy of ${preview.fileLabel}:\n${aws.formatDeployReport(report)}`);
    const sentRanges = new Set(selection.configurations.map((c) => rangeKey(c.range)));
    const kept = (this.diagnostics.get(document.uri) ?? []).filter(
      (d) => !sentRanges.has(rangeKey(fromVsRange(d.range))),
    );
    const failures = failureDiagnostics(report, selection).map((f) => {
      const diagnostic = new vscode.Diagnostic(
        toVsRange(f.range),
        f.message,
        vscode.DiagnosticSeverity.Error,
      );
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = {
        value: DEPLOY_FAILED_RULE.id,
        target: vscode.Uri.parse(ruleDocUrl(DEPLOY_FAILED_RULE.id, DEPLOY_FAILED_RULE.slug)),
      };
      return diagnostic;
    });
    this.diagnostics.set(document.uri, [...kept, ...failures]);
    const { severity, message } = reportMessage(report, preview.account, preview.region);
    if (severity === 'information') {
      void vscode.window.showInformationMessage(message);
    } else if (severity === 'warning') {
      void vscode.window.showWarningMessage(message, SHOW_LOG).then((c) => {
        if (c === SHOW_LOG) this.log.show(true);
      });
    } else {
      this.showError(message);
    }
    return { status: deployVerdict(report), message, preview, report };
  }

  async preview(uri?: vscode.Uri, options: PreviewOptions = {}): Promise<PreviewOutcome> {
    const target = await this.target(
      uri,
      'Open a remediation request file to preview its deployment.',
    );
    if ('stop' in target) return target.stop;
    const { document } = target;
    const checked = await this.checkPayload(document, undefined);
    if (checked.stop) return checked.stop;
    const { selection, fileLabel } = checked;
    const aws = loadAws(this.deps.extensionPath);
    let preview: PreviewModel | undefined;
    const outcome = await runDeployWorkflow(
      aws,
      { values: valuesOf(selection), indices: selection.indices },
      {
        openContext: () => this.createContext(aws, options.aws),
        reading: (work) =>
          this.withCancellableProgress('AWS Config: reading the deployed state…', work),
        preview: (planned) => {
          preview = this.previewModel(aws, planned, selection, fileLabel);
        },
        confirm: async () => 'no',
        sending: () => Promise.reject(new Error('a preview sends nothing')),
        report: () => undefined,
      },
      { previewOnly: true },
    );
    if (outcome.step === 'failed') return this.readingFailed(aws, outcome.error);
    if (outcome.step !== 'previewed' || !preview)
      return { status: 'cancelled', message: 'Cancelled.' };
    const message = `Preview of ${preview.fileLabel} for account ${preview.account} in ${preview.region}: ${countsText(preview.counts)}.`;
    if (options.show !== false) {
      const handle = this.previews.add(preview);
      await vscode.window.showTextDocument(handle.summary, {
        viewColumn: vscode.ViewColumn.Beside,
        preserveFocus: true,
        preview: true,
      });
      void reviewChanges(preview, handle).then((choice) => {
        if (choice === 'deploy') void this.deploy(document.uri);
      });
    }
    return { status: 'previewed', message, preview };
  }

  async pull(options: PullOptions = {}): Promise<PullOutcome> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(RESTRICTED);
      return { status: 'refused', message: RESTRICTED };
    }
    const format = options.format ?? (await this.pickFormat());
    if (!format) return { status: 'cancelled', message: 'Cancelled.' };
    const aws = loadAws(this.deps.extensionPath);
    const opened: { ctx?: AwsContext } = {};
    try {
      const { ctx: context, result } = await this.withCancellableProgress(
        'AWS Config: pulling remediation configurations…',
        async (signal) => {
          const ctx = await this.createContext(aws, options.aws);
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
      const { message, cancelled } = this.describe(aws, error, 'pull');
      if (cancelled) return { status: 'cancelled', message };
      this.log.error(aws.redact(message));
      this.showError(message);
      return { status: 'error', message };
    } finally {
      opened.ctx?.close();
    }
  }

  /** Runs `work` under a cancellable progress notification (Cancel aborts the signal). */
  private withCancellableProgress<T>(
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

  /** The active file's format, else the user's choice. */
  private async pickFormat(): Promise<DocumentFormat | undefined> {
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

  /** Registers the commands. */
  registerCommands(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand(COMMANDS.deploy, (uri?: unknown) =>
        this.deploy(uri instanceof vscode.Uri ? uri : undefined),
      ),
      vscode.commands.registerCommand(COMMANDS.preview, (uri?: unknown) =>
        this.preview(uri instanceof vscode.Uri ? uri : undefined),
      ),
      vscode.commands.registerCommand(COMMANDS.pull, () => this.pull()),
      vscode.commands.registerCommand(
        COMMANDS.deployOne,
        (uri?: unknown, index?: unknown, ruleName?: unknown) =>
          this.deploy(uri instanceof vscode.Uri ? uri : undefined, {
            only: {
              index: typeof index === 'number' ? index : 0,
              ruleName: typeof ruleName === 'string' ? ruleName : undefined,
            },
          }),
      ),
    ];
  }
}

type LspRange = Selection['configurations'][number]['range'];

function toVsRange(r: LspRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function fromVsRange(r: vscode.Range): LspRange {
  return {
    start: { line: r.start.line, character: r.start.character },
    end: { line: r.end.line, character: r.end.character },
  };
}

function rangeKey(r: LspRange): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}
