/**
 * The organisation roll-out commands of VS Code, the same flows as the CLI's `deploy --regions`
 * and `deploy --stack-set`:
 *  - **Deploy to Several Regions…**: pick the regions, then the multi-region workflow of
 *    common/src/deploy/regions.ts (a preview per region in the deploy log, one modal naming every
 *    region, a progress notification, a report per region);
 *  - **Roll Out as StackSet…**: the StackSet name, the targets (OUs or accounts) and the regions,
 *    remembered per workspace in a machine-scoped setting; the template exported by the server;
 *    the preview (template diff, instances to add) in the deploy log, a modal, the operation
 *    followed in a progress notification (Cancel stops following, never the operation), and the
 *    per-account, per-region report in the deploy log;
 *  - **Deploy as Organization Conformance Pack…**: the pack name and the excluded accounts
 *    (remembered too), the exported conformance pack, followed to the end with a line per member
 *    account in the deploy log.
 */

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RolloutReport, StackSetPlan } from '../../../common/src/aws';
import { runRegionsDeploy, type RegionsOutcome } from '../../../common/src/deploy/regions';
import {
  formatPackReport,
  formatRolloutReport,
  formatStackSetPreview,
  regionsSummary,
  resultLine,
} from '../../../common/src/deploy/rolloutText';
import { countsText, plural } from '../../../common/src/deploy/workflow';
import { COMMANDS, EXPORT_REQUEST, SETTINGS, SETTINGS_SECTION } from '../../../common/src/protocol';
import type { AwsOverrides } from './awsSession';
import type { DeployController } from './deployCommands';
import { valuesOf } from './model';
import type { RememberedRollout } from './rolloutModel';
import {
  parseTargets,
  regionChoices,
  rememberedFor,
  splitList,
  withRemembered,
} from './rolloutModel';

/** Answers for tests (instead of the pickers and the modal). */
export interface RolloutAnswers {
  regions?: string[];
  stackSetName?: string;
  targets?: string;
  packName?: string;
  excludedAccounts?: string;
  confirm?: (message: string) => Promise<boolean>;
  aws?: AwsOverrides;
  pollIntervalMs?: number;
}

export interface RolloutOutcome {
  status: 'deployed' | 'failed' | 'cancelled' | 'declined' | 'blocked' | 'refused' | 'error';
  message: string;
  /** The text written to the deploy log (preview and report). */
  log: string[];
}

function workspaceKey(document: vscode.TextDocument): string {
  return (
    vscode.workspace.getWorkspaceFolder(document.uri)?.uri.toString() ??
    vscode.workspace.workspaceFolders?.[0]?.uri.toString() ??
    '(no folder)'
  );
}

function remembered(document: vscode.TextDocument): RememberedRollout {
  const all = vscode.workspace.getConfiguration(SETTINGS_SECTION).get(SETTINGS.rolloutRemembered);
  return rememberedFor(all, workspaceKey(document));
}

async function remember(document: vscode.TextDocument, update: RememberedRollout): Promise<void> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const next = withRemembered(
    config.get(SETTINGS.rolloutRemembered),
    workspaceKey(document),
    update,
  );
  // Machine-scoped: user settings only, never the workspace's.
  await config.update(SETTINGS.rolloutRemembered, next, vscode.ConfigurationTarget.Global);
}

async function pickRegions(
  picked: readonly string[],
  title: string,
): Promise<string[] | undefined> {
  const items = regionChoices(picked).map((r) => ({ label: r, picked: picked.includes(r) }));
  const chosen = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title,
    placeHolder: 'The regions to deploy to (the order of the list is kept)',
  });
  return chosen && chosen.length > 0 ? chosen.map((c) => c.label) : undefined;
}

/** A StackSet or pack name (both: a letter, then letters, digits and hyphens, up to 128). */
function askName(title: string, previous: string | undefined): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title,
    value: previous ?? 'config-remediation',
    validateInput: (v) =>
      /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/.test(v)
        ? undefined
        : 'A letter, then letters, digits and hyphens.',
  });
}

async function confirmModal(message: string, detail: string, action: string): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
  return choice === action;
}

export class RolloutController {
  constructor(
    private readonly deploy: DeployController,
    private readonly client: LanguageClient,
    private readonly ready: Promise<void>,
  ) {}

  /**
   * The steps every roll-out starts with: the document (trusted workspace, an editor), saved, and
   * the server's payload without errors; or the outcome to stop with.
   */
  private async prepare(
    uri: vscode.Uri | undefined,
    missing: string,
    log: string[],
  ): Promise<
    | { stop: RolloutOutcome }
    | {
        document: vscode.TextDocument;
        checked: Exclude<Awaited<ReturnType<DeployController['checkPayload']>>, { stop: object }>;
      }
  > {
    const target = await this.deploy.target(uri, missing);
    if ('stop' in target) return { stop: { ...target.stop, log } };
    const { document } = target;
    if (!document.isUntitled && document.isDirty && !(await document.save())) {
      const message = 'The file could not be saved; nothing was sent.';
      return { stop: { status: 'refused', message, log } };
    }
    const checked = await this.deploy.checkPayload(document, undefined);
    if (checked.stop) return { stop: { ...checked.stop, log } };
    return { document, checked };
  }

  private write(log: string[], text: string): void {
    for (const line of text.split('\n')) {
      log.push(line);
      this.deploy.session.log.info(line);
    }
  }

  async deployToRegions(uri?: vscode.Uri, answers: RolloutAnswers = {}): Promise<RolloutOutcome> {
    const log: string[] = [];
    const prepared = await this.prepare(uri, 'Open a remediation request file to deploy.', log);
    if ('stop' in prepared) return prepared.stop;
    const { document, checked } = prepared;
    const { payload, selection, fileLabel } = checked;
    const regions =
      answers.regions ??
      (await pickRegions(remembered(document).regions ?? [], `Deploy ${fileLabel} to regions`));
    if (!regions)
      return { status: 'cancelled', message: 'No region picked; nothing was sent.', log };
    await remember(document, { regions });
    const aws = this.deploy.session.aws();
    const values = valuesOf(selection);
    this.deploy.session.log.show(true);
    const outcome: RegionsOutcome = await runRegionsDeploy(
      aws,
      { values, indices: selection.indices },
      regions,
      {
        openContext: (region) => this.deploy.session.createContext(aws, { ...answers.aws, region }),
        preview: (planned) => {
          for (const p of planned) {
            this.write(
              log,
              `Preview of ${fileLabel} in ${p.settings.region} (account ${p.account.account}): ${countsText(p.plan.counts)}`,
            );
            for (const item of p.plan.items)
              this.write(log, `  ${item.status} ${item.configRuleName}`);
          }
        },
        confirm: async (planned) => {
          if (document.version !== payload.version) return 'no';
          const message = `Deploy ${plural(values.length, 'configuration')} to account ${planned[0]?.account.account ?? ''} in ${plural(planned.length, 'region')}?`;
          const detail = planned
            .map((p) => `${p.settings.region}: ${countsText(p.plan.counts)}`)
            .join('\n');
          const yes = answers.confirm
            ? await answers.confirm(`${message}\n${detail}`)
            : await confirmModal(message, detail, 'Deploy');
          return yes ? 'yes' : 'no';
        },
        sending: (send) =>
          vscode.window.withProgress(
            {
              location: vscode.ProgressLocation.Notification,
              title: `Deploying to ${plural(regions.length, 'region')}`,
              cancellable: true,
            },
            async (progress, token) => {
              const controller = new AbortController();
              const sub = token.onCancellationRequested(() => controller.abort());
              try {
                return await send(controller.signal, (region, p) =>
                  progress.report({ message: `${region}: batch ${p.batch} of ${p.batchCount}` }),
                );
              } finally {
                sub.dispose();
              }
            },
          ),
      },
    );
    switch (outcome.step) {
      case 'failed': {
        const { message } = this.deploy.session.describe(
          aws,
          outcome.error,
          'reading the deployed state',
        );
        const text = `${outcome.region}: ${message} Nothing was sent to any region.`;
        this.deploy.session.showError(text);
        return { status: 'error', message: text, log };
      }
      case 'previewed':
      case 'not-confirmed':
        return { status: 'declined', message: 'Not confirmed; nothing was sent.', log };
      case 'reported': {
        for (const r of outcome.reports) {
          const c = r.report.counts;
          this.write(
            log,
            `Deploy to account ${r.planned.account.account} in ${r.region}: ${c.deployed} deployed, ${c.failed} failed, ${c['not-sent']} not sent of ${r.report.total}.`,
          );
          for (const item of r.report.items) {
            if (item.status !== 'deployed')
              this.write(
                log,
                `  ${item.status} ${item.configRuleName}${item.message ? `: ${item.message}` : ''}`,
              );
          }
        }
        const summary = regionsSummary(outcome.reports);
        this.write(log, summary);
        if (outcome.result === 'deployed') void vscode.window.showInformationMessage(summary);
        else this.deploy.session.showWarning(summary);
        return { status: outcome.result, message: summary, log };
      }
    }
  }

  async rollOutStackSet(uri?: vscode.Uri, answers: RolloutAnswers = {}): Promise<RolloutOutcome> {
    const log: string[] = [];
    const prepared = await this.prepare(uri, 'Open a remediation request file to roll out.', log);
    if ('stop' in prepared) return prepared.stop;
    const { document, checked } = prepared;
    const { fileLabel } = checked;
    const last = remembered(document).stackSet;
    const name = answers.stackSetName ?? (await askName('StackSet name', last?.name));
    if (!name) return { status: 'cancelled', message: 'Cancelled; nothing was sent.', log };
    const targetsText =
      answers.targets ??
      (await vscode.window.showInputBox({
        title: 'Targets: OU ids (service-managed) or account ids (self-managed), comma-separated',
        value: last?.targets.join(', ') ?? '',
        validateInput: (v) => {
          const t = parseTargets(v);
          return typeof t === 'string' ? t : undefined;
        },
      }));
    if (targetsText === undefined)
      return { status: 'cancelled', message: 'Cancelled; nothing was sent.', log };
    const targets = parseTargets(targetsText);
    if (typeof targets === 'string') return { status: 'refused', message: targets, log };
    const regions =
      answers.regions ??
      (await pickRegions(last?.regions ?? [], `Regions of the stack instances of ${name}`));
    if (!regions)
      return { status: 'cancelled', message: 'No region picked; nothing was sent.', log };
    await remember(document, { stackSet: { name, targets: splitList(targetsText), regions } });

    await this.ready;
    const exported = await this.client.sendRequest(EXPORT_REQUEST, {
      uri: document.uri.toString(),
      target: 'cloudformation',
      source: fileLabel.split('/').pop(),
    });
    if (!exported || !exported.ok) {
      const message = exported?.message ?? 'The file could not be exported as a template.';
      void vscode.window.showErrorMessage(message);
      return { status: 'blocked', message, log };
    }
    const template = exported.text;
    const aws = this.deploy.session.aws();
    const permissionModel = targets.ous ? 'SERVICE_MANAGED' : 'SELF_MANAGED';
    const stackTargets = {
      organizationalUnitIds: targets.ous,
      accounts: targets.accounts,
      regions,
    };
    let ctx;
    let plan: StackSetPlan;
    this.deploy.session.log.show(true);
    try {
      ctx = await this.deploy.session.createContext(aws, answers.aws);
    } catch (error) {
      const { message } = this.deploy.session.describe(aws, error, 'opening the AWS session');
      this.deploy.session.showError(message);
      return { status: 'error', message, log };
    }
    try {
      try {
        const deployed = await this.deploy.session.withCancellableProgress(
          `AWS Config: reading StackSet ${name}…`,
          (signal) => aws.describeStackSet(ctx, name, { signal }),
        );
        if (deployed && deployed.permissionModel !== permissionModel) {
          const message = `StackSet ${name} is ${deployed.permissionModel}: target it with ${deployed.permissionModel === 'SERVICE_MANAGED' ? 'OU ids' : 'account ids'}.`;
          void vscode.window.showWarningMessage(message);
          return { status: 'refused', message, log };
        }
        plan = aws.planStackSet(name, deployed, template, stackTargets, permissionModel);
      } catch (error) {
        const { message, cancelled } = this.deploy.session.describe(
          aws,
          error,
          'reading the StackSet',
        );
        if (!cancelled) this.deploy.session.showError(message);
        return { status: cancelled ? 'cancelled' : 'error', message, log };
      }
      this.write(log, formatStackSetPreview(plan, ctx.settings.region));
      if (plan.template === 'unchanged' && plan.add.length === 0) {
        const message = `StackSet ${name} is up to date; nothing was sent.`;
        void vscode.window.showInformationMessage(message);
        return { status: 'deployed', message, log };
      }
      const message = `Roll out StackSet ${name} to ${splitList(targetsText).join(', ')} in ${regions.join(', ')}?`;
      const detail = `Template ${plan.template}; ${plural(plan.add.length, 'instance')} to add, ${plan.existing.length} already there. StackSet region ${ctx.settings.region}. The preview is in the deploy log.`;
      const yes = answers.confirm
        ? await answers.confirm(`${message}\n${detail}`)
        : await confirmModal(message, detail, 'Roll Out');
      if (!yes) return { status: 'declined', message: 'Not confirmed; nothing was sent.', log };
      const started: string[] = [];
      const lookUp = (id: string): string =>
        aws.describeOperationCommand(name, id, ctx.settings.region);
      let report: RolloutReport;
      try {
        report = await vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Notification,
            title: `Rolling out StackSet ${name}`,
            cancellable: true,
          },
          async (progress, token) => {
            const controller = new AbortController();
            const sub = token.onCancellationRequested(() => controller.abort());
            const seen = new Map<string, string>();
            try {
              return await aws.rollOutStackSet(ctx, plan, template, {
                pollIntervalMs: answers.pollIntervalMs,
                signal: controller.signal,
                description: `AWS Config remediation configurations from ${fileLabel} (config-remediation)`,
                onOperation: (id, action) => {
                  started.push(id);
                  this.write(
                    log,
                    `Operation ${id} (${action === 'CREATE' ? 'add instances' : 'update template'}) started; look it up with: ${lookUp(id)}`,
                  );
                },
                onProgress: (p) => {
                  const done = p.results.filter(
                    (r) =>
                      r.status === 'SUCCEEDED' || r.status === 'FAILED' || r.status === 'CANCELLED',
                  ).length;
                  progress.report({
                    message: `${p.status}: ${done} of ${p.results.length} instances done`,
                  });
                  for (const r of p.results) {
                    const key = `${p.operationId} ${r.account} ${r.region}`;
                    if (seen.get(key) === r.status) continue;
                    seen.set(key, r.status);
                    this.write(log, `  ${resultLine(r)}`);
                  }
                },
              });
            } finally {
              sub.dispose();
            }
          },
        );
      } catch (error) {
        const { message } = this.deploy.session.describe(aws, error, 'the StackSet roll-out');
        const text =
          started.length > 0
            ? `${message} Operation ${started[started.length - 1]} was started; look it up with: ${lookUp(started[started.length - 1])}`
            : message;
        this.write(log, text);
        this.deploy.session.showError(text);
        return { status: started.length > 0 ? 'failed' : 'error', message: text, log };
      }
      this.write(log, formatRolloutReport(report));
      if (report.stoppedFollowing) {
        const id =
          report.operations.find((o) => !o.finished)?.operationId ?? started[started.length - 1];
        const text = `Stopped following; operation ${id} goes on in AWS. Look it up with: ${lookUp(id)}`;
        this.write(log, text);
        this.deploy.session.showWarning(text);
        return { status: 'cancelled', message: text, log };
      }
      const summary = log[log.length - 1];
      if (report.ok) void vscode.window.showInformationMessage(`StackSet ${name}: ${summary}`);
      else this.deploy.session.showWarning(`StackSet ${name}: ${summary}`);
      return { status: report.ok ? 'deployed' : 'failed', message: summary, log };
    } finally {
      ctx.close();
    }
  }

  async deployOrganizationPack(
    uri?: vscode.Uri,
    answers: RolloutAnswers = {},
  ): Promise<RolloutOutcome> {
    const log: string[] = [];
    const prepared = await this.prepare(uri, 'Open a remediation request file to deploy.', log);
    if ('stop' in prepared) return prepared.stop;
    const { document, checked } = prepared;
    const { fileLabel } = checked;
    const last = remembered(document).organizationPack;
    const name =
      answers.packName ?? (await askName('Organization conformance pack name', last?.name));
    if (!name) return { status: 'cancelled', message: 'Cancelled; nothing was sent.', log };
    const excludedText =
      answers.excludedAccounts ??
      (await vscode.window.showInputBox({
        title: 'Member accounts to leave out (12-digit ids, comma-separated; empty for none)',
        value: last?.excludedAccounts.join(', ') ?? '',
        validateInput: (v) => {
          const bad = splitList(v).find((a) => !/^\d{12}$/.test(a));
          return bad ? `"${bad}" is not a 12-digit account id.` : undefined;
        },
      }));
    if (excludedText === undefined)
      return { status: 'cancelled', message: 'Cancelled; nothing was sent.', log };
    const excludedAccounts = splitList(excludedText);
    await remember(document, { organizationPack: { name, excludedAccounts } });

    await this.ready;
    const exported = await this.client.sendRequest(EXPORT_REQUEST, {
      uri: document.uri.toString(),
      target: 'conformance-pack',
      source: fileLabel.split('/').pop(),
    });
    if (!exported || !exported.ok || exported.warnings.length > 0) {
      const message = !exported
        ? 'The file could not be exported as a conformance pack.'
        : exported.ok
          ? exported.warnings.join(' ')
          : exported.message;
      void vscode.window.showErrorMessage(message);
      return { status: 'blocked', message, log };
    }
    const aws = this.deploy.session.aws();
    this.deploy.session.log.show(true);
    let ctx;
    try {
      ctx = await this.deploy.session.createContext(aws, answers.aws);
    } catch (error) {
      const { message } = this.deploy.session.describe(aws, error, 'opening the AWS session');
      this.deploy.session.showError(message);
      return { status: 'error', message, log };
    }
    try {
      let deployed;
      try {
        deployed = await this.deploy.session.withCancellableProgress(
          `AWS Config: reading organization conformance pack ${name}…`,
          (signal) => aws.describeOrganizationConformancePack(ctx, name, signal),
        );
      } catch (error) {
        const { message, cancelled } = this.deploy.session.describe(aws, error, 'reading the pack');
        if (!cancelled) this.deploy.session.showError(message);
        return { status: cancelled ? 'cancelled' : 'error', message, log };
      }
      this.write(
        log,
        `Preview of organization conformance pack ${name} in ${ctx.settings.region}: ${deployed ? 'update (every member account gets the new template)' : 'new'}; excluded accounts: ${excludedAccounts.join(', ') || 'none'}.`,
      );
      const message = `Deploy organization conformance pack ${name} in ${ctx.settings.region}?`;
      const detail = `${deployed ? 'It exists: every member account gets the new template.' : 'A new pack for the member accounts.'} Excluded: ${excludedAccounts.join(', ') || 'none'}. Run from the management account or AWS Config's delegated administrator.`;
      const yes = answers.confirm
        ? await answers.confirm(`${message}\n${detail}`)
        : await confirmModal(message, detail, 'Deploy');
      if (!yes) return { status: 'declined', message: 'Not confirmed; nothing was sent.', log };
      const lookUp = `aws configservice describe-organization-conformance-pack-statuses --organization-conformance-pack-names ${name} --region ${ctx.settings.region}`;
      try {
        await aws.putOrganizationConformancePack(ctx, name, exported.text, excludedAccounts);
      } catch (error) {
        const { message: text } = this.deploy.session.describe(
          aws,
          error,
          'PutOrganizationConformancePack',
        );
        this.deploy.session.showError(text);
        return { status: 'error', message: text, log };
      }
      let report;
      try {
        report = await vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Notification,
            title: `Deploying organization conformance pack ${name}`,
            cancellable: true,
          },
          async (progress, token) => {
            const controller = new AbortController();
            const sub = token.onCancellationRequested(() => controller.abort());
            try {
              return await aws.followOrganizationConformancePack(ctx, name, {
                pollIntervalMs: answers.pollIntervalMs,
                signal: controller.signal,
                onProgress: (status, members) =>
                  progress.report({
                    message: `${status}: ${plural(members.length, 'account')} reported`,
                  }),
              });
            } finally {
              sub.dispose();
            }
          },
        );
      } catch (error) {
        const { message: text } = this.deploy.session.describe(aws, error, 'following the pack');
        const full = `${text} The pack was put; look it up with: ${lookUp}`;
        this.write(log, full);
        this.deploy.session.showError(full);
        return { status: 'failed', message: full, log };
      }
      this.write(
        log,
        formatPackReport(
          name,
          report.status,
          report.members,
          report.finished,
          [report.errorCode, report.errorMessage].filter(Boolean).join(' ') || undefined,
        ),
      );
      if (!report.finished) {
        const text = `Stopped following; the deployment goes on in AWS. Look it up with: ${lookUp}`;
        this.write(log, text);
        this.deploy.session.showWarning(text);
        return { status: 'cancelled', message: text, log };
      }
      const summary = log[log.length - 1];
      if (report.ok) void vscode.window.showInformationMessage(`${name}: ${summary}`);
      else this.deploy.session.showWarning(`${name}: ${summary}`);
      return { status: report.ok ? 'deployed' : 'failed', message: summary, log };
    } finally {
      ctx.close();
    }
  }

  registerCommands(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand(COMMANDS.deployToRegions, (uri?: unknown) =>
        this.deployToRegions(uri instanceof vscode.Uri ? uri : undefined),
      ),
      vscode.commands.registerCommand(COMMANDS.rollOutStackSet, (uri?: unknown) =>
        this.rollOutStackSet(uri instanceof vscode.Uri ? uri : undefined),
      ),
      vscode.commands.registerCommand(COMMANDS.deployOrganizationPack, (uri?: unknown) =>
        this.deployOrganizationPack(uri instanceof vscode.Uri ? uri : undefined),
      ),
    ];
  }
}
