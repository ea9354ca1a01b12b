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
import type { AwsContext, DeployReport } from '../../../common/src/aws';
import {
  deployVerdict,
  runDeployPreview,
  runDeployWorkflow,
  type PlannedDeploy,
} from '../../../common/src/deploy/workflow';
import type { DocumentStatusParams, PayloadResult } from '../../../common/src/protocol';
import { COMMANDS, DIAGNOSTIC_SOURCE } from '../../../common/src/protocol';
import { ruleDocHref } from '../../../common/src/ruleDocs';
import type { AwsModule } from '../aws/awsModule';
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
import { AwsSession, RESTRICTED, type AwsOverrides } from './awsSession';
import { pull, type PullOptions, type PullOutcome } from './pullCommand';
import type { RolloutAnswers, RolloutOutcome } from './rolloutCommands';

export type { AwsOverrides } from './awsSession';
export type { PullOptions, PullOutcome } from './pullCommand';

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

/** What deploy, preview and pull add to the extension's API (for tests and other extensions). */
export interface DeployApi {
  deploy(uri?: vscode.Uri, options?: DeployOptions): Promise<DeployOutcome>;
  preview(uri?: vscode.Uri, options?: PreviewOptions): Promise<PreviewOutcome>;
  pull(options?: PullOptions): Promise<PullOutcome>;
  /** Deploy to Several Regions (answers replace the pickers and the modal in tests). */
  deployToRegions(uri?: vscode.Uri, answers?: RolloutAnswers): Promise<RolloutOutcome>;
  /** Roll Out as StackSet (answers replace the inputs and the modal in tests). */
  rollOutStackSet(uri?: vscode.Uri, answers?: RolloutAnswers): Promise<RolloutOutcome>;
  /** Deploy as Organization Conformance Pack (answers replace the inputs and the modal). */
  deployOrganizationPack(uri?: vscode.Uri, answers?: RolloutAnswers): Promise<RolloutOutcome>;
  /** The RC500 diagnostics the last deploy put on a document. */
  deployDiagnostics(uri: vscode.Uri): readonly vscode.Diagnostic[];
}

export interface DeployDeps {
  extensionPath: string;
  requestPayload(uri: string, token?: vscode.CancellationToken): Promise<PayloadResult | null>;
  statusOf(uri: vscode.Uri): DocumentStatusParams | undefined;
}

/** The deploy, preview and pull flows; one per extension activation. */
export class DeployController implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection(
    'aws-config-remediation-deploy',
  );
  private readonly previews = new PreviewDocuments();
  /** The deploy log, the AWS context and the messages (shared with the roll-out commands). */
  readonly session: AwsSession;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: DeployDeps) {
    this.session = new AwsSession(deps.extensionPath);
    this.disposables.push(
      this.session,
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
  }

  private async documentFor(uri: vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
    if (uri) return vscode.workspace.openTextDocument(uri);
    return vscode.window.activeTextEditor?.document;
  }

  label(document: vscode.TextDocument): string {
    return document.isUntitled
      ? document.uri.path
      : vscode.workspace.asRelativePath(document.uri, false);
  }

  /**
   * The steps before AWS, shared by deploy and preview: the server's payload (errors block) and
   * the configurations to send. Returns an outcome to stop with, or what the workflow needs.
   */
  async checkPayload(
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
    const { message, cancelled, setting } = this.session.describe(
      aws,
      error,
      'reading the deployed state',
    );
    if (cancelled) return { status: 'cancelled', message };
    this.session.log.error(aws.redact(message));
    this.session.showError(message, setting);
    return { status: 'error', message };
  }

  /** The document to deploy or preview, or why there is none (Restricted Mode, no editor). */
  async target(
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
    const aws = this.session.aws();
    const values = valuesOf(selection);
    let preview: PreviewModel | undefined;
    let handle: PreviewHandle | undefined;
    // 3-9. Account and deployed state, preview, confirmation, batches, report.
    const outcome = await runDeployWorkflow<DeployOutcome>(
      aws,
      { values, indices: selection.indices },
      {
        openContext: () => this.session.createContext(aws, options.aws),
        reading: (work) =>
          this.session.withCancellableProgress('AWS Config: reading the deployed state…', work),
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
        target: vscode.Uri.parse(deployFailedDocHref()),
      };
      return diagnostic;
    });
    this.diagnostics.set(document.uri, [...kept, ...failures]);
    const { severity, message, setting } = reportMessage(
      report,
      preview.account,
      preview.region,
      Boolean(ctx.settings.endpointUrl),
    );
    if (severity === 'information') {
      void vscode.window.showInformationMessage(message);
    } else if (severity === 'warning') {
      this.session.showWarning(message);
    } else {
      this.session.showError(message, setting);
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
    const aws = this.session.aws();
    let preview: PreviewModel | undefined;
    const outcome = await runDeployPreview(
      aws,
      { values: valuesOf(selection), indices: selection.indices },
      {
        openContext: () => this.session.createContext(aws, options.aws),
        reading: (work) =>
          this.session.withCancellableProgress('AWS Config: reading the deployed state…', work),
        preview: (planned) => {
          preview = this.previewModel(aws, planned, selection, fileLabel);
        },
      },
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

  pull(options: PullOptions = {}): Promise<PullOutcome> {
    return pull(this.session, options);
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

let deployFailedHref: string | undefined;
/** RC500's docs link: its heading in the docs/rules.md of the .vsix (read once, on first use). */
function deployFailedDocHref(): string {
  deployFailedHref ??= ruleDocHref()(DEPLOY_FAILED_RULE.id, DEPLOY_FAILED_RULE.slug);
  return deployFailedHref;
}
