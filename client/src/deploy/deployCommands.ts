/**
 * The Deploy, Preview and Pull commands of VS Code. Every AWS call goes through the AWS boundary
 * (common/src/aws), loaded from dist/aws.js on first use so that activation never loads the SDK.
 *
 * The dialogs are injectable (see {@link DeployOptions}), so the real-editor tests can answer
 * them: `api.deploy(uri, { confirm: async () => true, showPreview: false })`.
 */

import * as path from 'node:path';
import * as vscode from 'vscode';
import type * as AwsModuleNs from '../../../common/src/aws';
import type {
  AwsContext,
  AwsContextOptions,
  AwsLogger,
  DeployReport,
  DocumentFormat,
} from '../../../common/src/aws';
import type { DocumentStatusParams, PayloadResult } from '../../../common/src/protocol';
import {
  COMMANDS,
  DIAGNOSTIC_SOURCE,
  SETTINGS,
  SETTINGS_SECTION,
  ruleDocUrl,
} from '../../../common/src/protocol';
import type { ConfigurationTarget, PreviewEntry, PreviewModel, Selection } from './model';
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
import type { PreviewHandle } from './previewDocuments';
import { PREVIEW_SCHEME, PreviewDocuments } from './previewDocuments';

type AwsModule = typeof AwsModuleNs;

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
  private aws: AwsModule | undefined;
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

  /** The AWS boundary, from dist/aws.js (loaded once, on the first AWS command). */
  private loadAws(): AwsModule {
    if (!this.aws) {
      const file = path.join(this.deps.extensionPath, 'dist', 'aws.js');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      this.aws = require(file) as AwsModule;
    }
    return this.aws;
  }

  private async createContext(aws: AwsModule, overrides: AwsOverrides = {}): Promise<AwsContext> {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    return aws.createAwsContext({
      profile: config.get<string>(SETTINGS.awsProfile),
      region: config.get<string>(SETTINGS.awsRegion),
      endpointUrl: config.get<string>(SETTINGS.awsEndpointUrl),
      logger: this.logger(),
      ...overrides,
    });
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
   * Steps shared by deploy and preview: payload (errors block), account, deployed state, plan.
   * Returns an outcome to stop with, or what the next step needs.
   */
  private async check(
    document: vscode.TextDocument,
    only: ConfigurationTarget | undefined,
    overrides: AwsOverrides | undefined,
  ): Promise<
    | { stop: { status: 'blocked' | 'refused' | 'cancelled' | 'error'; message: string } }
    | {
        stop?: undefined;
        payload: PayloadResult;
        selection: Selection;
        preview: PreviewModel;
        aws: AwsModule;
        ctx: AwsContext;
      }
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

    const aws = this.loadAws();
    const opened: { ctx?: AwsContext } = {};
    try {
      const { ctx: context, result } = await this.withAwsProgress(
        aws,
        overrides,
        'AWS Config: reading the deployed state…',
        opened,
        async (ctx, signal) => {
          const account = await aws.getAccount(ctx, signal);
          const values = valuesOf(selection);
          const deployed = await aws.describeDeployed(
            ctx,
            values.map((v) => v.ConfigRuleName ?? ''),
            signal,
          );
          return {
            account,
            plan: aws.planDeployment(values, deployed, { indices: selection.indices }),
          };
        },
      );
      const settingsText = aws.describeSettings(context.settings);
      const preview = buildPreviewModel(result.plan, selection, {
        fileLabel,
        account: result.account.account,
        region: context.settings.region,
        settingsText,
      });
      context.logger.info(
        `Preview of ${fileLabel} for account ${preview.account}: ${countsText(preview.counts)}`,
      );
      return { payload, selection, preview, aws, ctx: context };
    } catch (error) {
      opened.ctx?.close();
      const { message, cancelled } = this.describe(aws, error, 'reading the deployed state');
      if (cancelled) return { stop: { status: 'cancelled', message } };
      this.log.error(aws.redact(message));
      this.showError(message);
      return { stop: { status: 'error', message } };
    }
  }

  async deploy(uri?: vscode.Uri, options: DeployOptions = {}): Promise<DeployOutcome> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(RESTRICTED);
      return { status: 'refused', message: RESTRICTED };
    }
    const document = await this.documentFor(uri);
    if (!document) {
      const message = 'Open a remediation request file to deploy.';
      void vscode.window.showWarningMessage(message);
      return { status: 'refused', message };
    }
    // 1. Save the file (an untitled document is deployed as it is).
    if (!document.isUntitled && document.isDirty && !(await document.save())) {
      const message = `${this.label(document)} could not be saved; nothing was sent.`;
      void vscode.window.showErrorMessage(message);
      return { status: 'refused', message };
    }
    // 2-5. Payload and problems, account, deployed state, preview.
    const checked = await this.check(document, options.only, options.aws);
    if (checked.stop) return checked.stop;
    const { payload, selection, preview, aws, ctx } = checked;
    try {
      let handle: PreviewHandle | undefined;
      if (options.showPreview !== false) {
        handle = this.previews.add(preview);
        await vscode.window.showTextDocument(handle.summary, {
          viewColumn: vscode.ViewColumn.Beside,
          preserveFocus: true,
          preview: true,
        });
      }
      // 6. Confirm in a modal naming the account, the region and the counts.
      const text = confirmationText(preview);
      const confirmed = options.confirm
        ? await options.confirm({ ...text, preview })
        : await this.confirmModal(text, preview, handle);
      if (!confirmed) {
        ctx.logger.info('Deploy not confirmed; nothing was sent.');
        return { status: 'declined', message: 'Not confirmed; nothing was sent.', preview };
      }
      // A deploy sends exactly the version that was checked.
      if (document.version !== payload.version) {
        const message = `${preview.fileLabel} changed after it was checked; nothing was sent. Deploy again to check and send the new version.`;
        ctx.logger.warn(message);
        void vscode.window.showWarningMessage(message);
        return { status: 'refused', message, preview };
      }
      // 7-8. Batches, with a cancellable progress notification.
      const values = valuesOf(selection);
      const report = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `Deploying ${plural(values.length, 'remediation configuration')} to ${preview.account} in ${preview.region}`,
          cancellable: true,
        },
        async (progress, token) => {
          const controller = new AbortController();
          const sub = token.onCancellationRequested(() => {
            ctx.logger.warn(
              'Cancel requested: the batch in flight finishes, later batches are not sent.',
            );
            controller.abort();
          });
          let reported = 0;
          try {
            return await aws.deploy(ctx, values, {
              indices: selection.indices,
              signal: controller.signal,
              onProgress: (p) => {
                if (p.phase === 'sending') {
                  progress.report({ message: `batch ${p.batch} of ${p.batchCount}` });
                } else {
                  progress.report({
                    increment: (100 * (p.done - reported)) / p.total,
                    message: `${p.done} of ${p.total} sent`,
                  });
                  reported = p.done;
                }
              },
            });
          } finally {
            sub.dispose();
          }
        },
      );
      // 9. Report: FailedBatches items on their configurations, exceptions as one message.
      return this.report(document, selection, preview, report, ctx, aws);
    } finally {
      ctx.close();
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
    const status: DeployOutcome['status'] = report.ok
      ? 'deployed'
      : report.cancelled && !report.error && report.counts.failed === 0
        ? 'cancelled'
        : 'failed';
    return { status, message, preview, report };
  }

  /**
   * The modal. "Show Changes" opens the review list (each configuration's diff); choosing
   * "Deploy…" there comes back to the modal.
   */
  private async confirmModal(
    text: { message: string; detail: string },
    preview: PreviewModel,
    handle: PreviewHandle | undefined,
  ): Promise<boolean> {
    const DEPLOY = 'Deploy';
    const SHOW = 'Show Changes';
    for (;;) {
      const choice = await vscode.window.showWarningMessage(
        text.message,
        { modal: true, detail: text.detail },
        DEPLOY,
        ...(handle ? [SHOW] : []),
      );
      if (choice === DEPLOY) return true;
      if (choice !== SHOW || !handle) return false;
      if ((await this.review(preview, handle)) !== 'deploy') return false;
    }
  }

  /** A list of the configurations by status; choosing one opens its diff. */
  private review(preview: PreviewModel, handle: PreviewHandle): Promise<'deploy' | undefined> {
    type Item = vscode.QuickPickItem & { entry?: PreviewEntry; deploy?: boolean };
    const items: Item[] = [
      {
        label: `$(cloud-upload) Deploy ${plural(preview.entries.length, 'configuration')}…`,
        description: `account ${preview.account}, ${preview.region}`,
        deploy: true,
      },
    ];
    const groups: [PreviewEntry['status'], string, string][] = [
      ['changed', 'Changed', '$(diff-modified)'],
      ['new', 'New', '$(diff-added)'],
      ['unchanged', 'Unchanged', '$(check)'],
    ];
    for (const [status, title, icon] of groups) {
      const entries = preview.entries.filter((e) => e.status === status);
      if (entries.length === 0) continue;
      items.push({ label: title, kind: vscode.QuickPickItemKind.Separator });
      for (const entry of entries) {
        items.push({
          label: `${icon} ${entry.ruleName}`,
          description: `line ${entry.range.start.line + 1}`,
          detail: status === 'unchanged' ? undefined : 'Show diff',
          entry,
        });
      }
    }
    return new Promise((resolve) => {
      const pick = vscode.window.createQuickPick<Item>();
      pick.title = `Deploy preview: ${countsText(preview.counts)} (account ${preview.account}, ${preview.region})`;
      pick.placeholder = 'Choose a configuration to see its diff, or Deploy';
      pick.items = items;
      pick.ignoreFocusOut = true;
      let result: 'deploy' | undefined;
      pick.onDidAccept(() => {
        const item = pick.selectedItems[0];
        if (item?.deploy) {
          result = 'deploy';
          pick.hide();
        } else if (item?.entry) {
          void handle.diff(item.entry);
        }
      });
      pick.onDidHide(() => {
        pick.dispose();
        resolve(result);
      });
      pick.show();
    });
  }

  async preview(uri?: vscode.Uri, options: PreviewOptions = {}): Promise<PreviewOutcome> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(RESTRICTED);
      return { status: 'refused', message: RESTRICTED };
    }
    const document = await this.documentFor(uri);
    if (!document) {
      const message = 'Open a remediation request file to preview its deployment.';
      void vscode.window.showWarningMessage(message);
      return { status: 'refused', message };
    }
    const checked = await this.check(document, undefined, options.aws);
    if (checked.stop) return checked.stop;
    const { preview, ctx } = checked;
    ctx.close();
    const message = `Preview of ${preview.fileLabel} for account ${preview.account} in ${preview.region}: ${countsText(preview.counts)}.`;
    if (options.show !== false) {
      const handle = this.previews.add(preview);
      await vscode.window.showTextDocument(handle.summary, {
        viewColumn: vscode.ViewColumn.Beside,
        preserveFocus: true,
        preview: true,
      });
      void this.review(preview, handle).then((choice) => {
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
    const aws = this.loadAws();
    const opened: { ctx?: AwsContext } = {};
    try {
      const { ctx: context, result } = await this.withAwsProgress(
        aws,
        options.aws,
        'AWS Config: pulling remediation configurations…',
        opened,
        async (ctx, signal) => {
          const account = await aws.getAccount(ctx, signal);
          const pulled = await aws.pull(ctx, { rules: options.rules, signal });
          return { account, pulled };
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

  /**
   * Creates the AWS context and runs `work` with it under a cancellable progress notification
   * (Cancel aborts the signal). The context goes into `opened` as soon as it exists, so that the
   * caller closes it whether `work` succeeds or throws.
   */
  private async withAwsProgress<T>(
    aws: AwsModule,
    overrides: AwsOverrides | undefined,
    title: string,
    opened: { ctx?: AwsContext },
    work: (ctx: AwsContext, signal: AbortSignal) => Promise<T>,
  ): Promise<{ ctx: AwsContext; result: T }> {
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (_progress, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        try {
          const ctx = await this.createContext(aws, overrides);
          opened.ctx = ctx;
          if (token.isCancellationRequested) throw new Cancelled();
          return { ctx, result: await work(ctx, controller.signal) };
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
