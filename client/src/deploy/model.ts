/**
 * The pure logic of deploy, preview and pull in VS Code: which configurations a payload allows to
 * send, the preview model and text, the confirmation text, and how a deploy report maps back to
 * the configurations of the file. No `vscode` import and no SDK at runtime (types only), so it is
 * unit-tested without an editor (test/unit/deployModel.test.ts).
 */

import type {
  DeployReport,
  DeploymentPlan,
  PlanStatus,
  RemediationConfiguration,
} from '../../../common/src/aws';
import type {
  PayloadConfiguration,
  PayloadProblem,
  PayloadResult,
} from '../../../common/src/protocol';
import { countsText, diffLines, plural } from '../../../common/src/deploy/workflow';
import { editorAwsError } from '../aws/errorMessages';

/** A 0-based LSP range, as the payload carries it. */
export type LspRange = PayloadProblem['range'];

/** The rule id and slug of a configuration AWS rejected in the last deploy. */
export const DEPLOY_FAILED_RULE = { id: 'RC500', slug: 'deploy-failed' } as const;

/** Names one configuration of a file (the code lens): its index, checked against its name. */
export interface ConfigurationTarget {
  index: number;
  ruleName?: string;
}

/** The configurations to send, with their index in the file. */
export interface Selection {
  configurations: PayloadConfiguration[];
  /** File index of each configuration (its position in RemediationConfigurations). */
  indices: number[];
}

export function ruleNameOf(configuration: PayloadConfiguration): string {
  const name = configuration.value.ConfigRuleName;
  return typeof name === 'string' ? name : '';
}

export { countsText, plural } from '../../../common/src/deploy/workflow';

/**
 * Why this payload cannot be deployed (or previewed) at all, or undefined when it can.
 * @param documentVersion the editor's version of the document now.
 */
export function payloadRefusal(
  payload: PayloadResult | null | undefined,
  documentVersion: number,
  fileLabel: string,
): string | undefined {
  if (!payload) {
    return `${fileLabel} is not open in the language server yet. Wait a moment and try again.`;
  }
  if (!payload.recognised) {
    return `${fileLabel} is not a remediation request file: it needs a top-level RemediationConfigurations list (or a name like *.remediation.json).`;
  }
  if (payload.kind === 'cloudformation') {
    return `${fileLabel} is a CloudFormation template; deploy it with CloudFormation. Deploy takes a put-remediation-configurations request file.`;
  }
  if (payload.version !== documentVersion) {
    return `${fileLabel} changed while it was being checked; nothing was sent. Run the command again.`;
  }
  if (payload.configurations.length === 0) {
    return `${fileLabel} has no remediation configurations to deploy.`;
  }
  return undefined;
}

/** The problems that block a deploy: every error-severity diagnostic. */
export function blockingProblems(payload: PayloadResult): PayloadProblem[] {
  return payload.problems.filter((p) => p.severity === 'error');
}

/**
 * The configurations to send: all of them, or the one `target` names. A target whose index no
 * longer holds the configuration of that name (the file changed since the code lens was made) is
 * looked up by name; a name that is missing or not unique is refused (a string is returned).
 */
export function selectConfigurations(
  payload: PayloadResult,
  target?: ConfigurationTarget,
): Selection | string {
  const all = payload.configurations;
  if (!target) return { configurations: [...all], indices: all.map((_, i) => i) };
  const atIndex = all[target.index];
  if (atIndex && (target.ruleName === undefined || ruleNameOf(atIndex) === target.ruleName)) {
    return { configurations: [atIndex], indices: [target.index] };
  }
  const byName = all
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => target.ruleName !== undefined && ruleNameOf(c) === target.ruleName);
  if (byName.length === 1) {
    return { configurations: [byName[0].c], indices: [byName[0].i] };
  }
  return target.ruleName === undefined
    ? `The file has no configuration #${target.index + 1} any more; nothing was sent.`
    : `The file has ${byName.length === 0 ? 'no' : 'more than one'} configuration for rule "${target.ruleName}" now; nothing was sent.`;
}

/** The configurations of a selection as the API takes them. */
export function valuesOf(selection: Selection): RemediationConfiguration[] {
  return selection.configurations.map((c) => c.value as unknown as RemediationConfiguration);
}

/** One configuration of the preview. */
export interface PreviewEntry {
  index: number;
  ruleName: string;
  status: PlanStatus;
  range: LspRange;
  /** Canonical JSON of the configuration in the file. */
  localText: string;
  /** Canonical JSON of the deployed configuration, if any. */
  deployedText?: string;
  /** Unified diff deployed → file, for changed configurations. */
  diff?: string;
}

/** What a deploy would do. */
export interface PreviewModel {
  /** The file, as shown to the user (workspace-relative path or name). */
  fileLabel: string;
  account: string;
  region: string;
  /** Profile / region sources / endpoint in one line (for the log and the dialog). */
  settingsText: string;
  counts: Record<PlanStatus, number>;
  entries: PreviewEntry[];
}

export function buildPreviewModel(
  plan: DeploymentPlan,
  selection: Selection,
  target: { fileLabel: string; account: string; region: string; settingsText: string },
): PreviewModel {
  const rangeOf = new Map(
    selection.indices.map((index, i) => [index, selection.configurations[i]]),
  );
  const entries = plan.items.map((item): PreviewEntry => ({
    index: item.index,
    ruleName: item.configRuleName,
    status: item.status,
    range: rangeOf.get(item.index)?.range ?? zeroRange(),
    localText: item.localText,
    deployedText: item.deployedText,
    diff: item.diff,
  }));
  return { ...target, counts: { ...plan.counts }, entries };
}

function zeroRange(): LspRange {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/**
 * The preview as a text document (language `diff`): a header, then one line per configuration
 * (new, changed, unchanged, each with its line), and the unified diff of each changed one.
 */
export function previewText(model: PreviewModel): string {
  const lines = [
    `# Deploy preview of ${model.fileLabel}`,
    `# Account ${model.account}, ${model.settingsText}`,
    `# ${plural(model.entries.length, 'configuration')}: ${countsText(model.counts)}`,
    '',
  ];
  const order: PlanStatus[] = ['new', 'changed', 'unchanged'];
  const mark: Record<PlanStatus, string> = { new: '+', changed: '~', unchanged: '=' };
  for (const status of order) {
    for (const e of model.entries.filter((x) => x.status === status)) {
      lines.push(
        `${mark[status]} ${status.padEnd(9)} ${e.ruleName}  (line ${e.range.start.line + 1})`,
      );
    }
  }
  for (const e of model.entries) {
    if (e.status !== 'changed' || !e.diff) continue;
    lines.push('');
    lines.push(...diffLines(e.diff));
  }
  return `${lines.join('\n')}\n`;
}

/** The modal's message and detail: names the account, the region and the counts. */
export function confirmationText(model: PreviewModel): { message: string; detail: string } {
  const n = model.entries.length;
  const what = n === 1 ? `"${model.entries[0].ruleName}"` : plural(n, 'remediation configuration');
  return {
    message: `Deploy ${what} to account ${model.account} in ${model.region}?`,
    detail: `${countsText(model.counts)}, from ${model.fileLabel}.\n${model.settingsText}.\nPutRemediationConfigurations is called in batches of at most 25.`,
  };
}

/** A configuration AWS rejected: where it is and what AWS said. */
export interface FailureDiagnostic {
  index: number;
  ruleName: string;
  range: LspRange;
  message: string;
}

/**
 * The configurations of `report` that AWS rejected in a `FailedBatches` answer, on their ranges.
 * Items of the batch an exception stopped are not included: the exception is one message, not a
 * problem of each configuration.
 */
export function failureDiagnostics(
  report: DeployReport,
  selection: Selection,
): FailureDiagnostic[] {
  const byIndex = new Map(
    selection.indices.map((index, i) => [index, selection.configurations[i]]),
  );
  const out: FailureDiagnostic[] = [];
  for (const item of report.items) {
    if (item.status !== 'failed' || item.batch > report.batchesCompleted) continue;
    const configuration = byIndex.get(item.index);
    if (!configuration) continue;
    out.push({
      index: item.index,
      ruleName: item.configRuleName,
      range: configuration.range,
      message: `AWS rejected "${item.configRuleName}" in the last deploy: ${item.message ?? 'no FailureMessage was given'}`,
    });
  }
  return out;
}

/** How the end of a deploy is told to the user: one message of the right severity. */
export interface DeployMessage {
  severity: 'information' | 'warning' | 'error';
  message: string;
  /** The full id of the setting that fixes the error that stopped the deploy, if one does. */
  setting?: string;
}

export function reportMessage(
  report: DeployReport,
  account: string,
  region: string,
  endpointSet = false,
): DeployMessage {
  const { counts } = report;
  const where = `to account ${account} in ${region}`;
  if (report.ok) {
    return {
      severity: 'information',
      message: `Deployed ${plural(counts.deployed, 'remediation configuration')} ${where}.`,
    };
  }
  const parts = [`${counts.deployed} deployed`];
  if (counts.failed) parts.push(`${counts.failed} failed`);
  if (counts['not-sent']) parts.push(`${counts['not-sent']} not sent`);
  if (counts.unknown)
    parts.push(`${counts.unknown} unknown (in flight when the connection failed)`);
  const summary = `${parts.join(', ')} of ${report.total} ${where}`;
  if (report.error) {
    // In the editor's words: the setting that fixes it (access denied → the profile), no CLI flags.
    const shown = editorAwsError(report.error, endpointSet);
    return {
      severity: 'error',
      message: `Deploy stopped: ${summary}. ${shown.message}`,
      ...(shown.setting ? { setting: shown.setting } : {}),
    };
  }
  if (counts.failed > 0 || report.unmatchedFailures.length > 0) {
    return {
      severity: 'error',
      message: `Deploy: ${summary}. AWS's reasons are shown on the failed configurations (Problems view).`,
    };
  }
  return { severity: 'warning', message: `Deploy cancelled: ${summary}.` };
}
