/**
 * Account lookup, deployed-state lookup, deployment plan (preview) and the batched deploy.
 */

import type { RemediationConfiguration } from '@aws-sdk/client-config-service';
import {
  DescribeRemediationConfigurationsCommand,
  PutRemediationConfigurationsCommand,
} from '@aws-sdk/client-config-service';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createTwoFilesPatch } from 'diff';
import type { AwsContext } from './clients';
import type { ClassifiedAwsError } from './errors';
import { AwsOperationError, classifyAwsError } from './errors';
import { canonicalJson, comparableForm, findUnsendableMembers } from './normalize';

/** The most configurations one PutRemediationConfigurations / Describe call accepts. */
export const MAX_BATCH_SIZE = 25;

/** The identity the credentials belong to. */
export interface AwsAccount {
  account: string;
  arn: string;
  userId: string;
}

/** Classifies `e` for `operation` in `ctx` (redacted, with the next step). */
export function classifyFor(ctx: AwsContext, operation: string, e: unknown): ClassifiedAwsError {
  return classifyAwsError(e, {
    operation,
    profileName: ctx.settings.profileSource === 'default' ? undefined : ctx.settings.profileName,
    region: ctx.settings.region,
    endpointUrl: ctx.settings.endpointUrl,
    redact: ctx.redact,
  });
}

/** Runs one AWS call; on failure logs the classified message and throws {@link AwsOperationError}. */
export async function awsCall<T>(
  ctx: AwsContext,
  operation: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const classified = classifyFor(ctx, operation, e);
    ctx.logger.error(
      `AWS: ${operation} failed: ${classified.message}${classified.requestId ? ` [request id ${classified.requestId}]` : ''}`,
    );
    throw new AwsOperationError(classified);
  }
}

/**
 * Resolves the account of the credentials (STS GetCallerIdentity).
 * @throws AwsOperationError (expired / missing credentials, network, ...).
 */
export async function getAccount(ctx: AwsContext, signal?: AbortSignal): Promise<AwsAccount> {
  const out = await awsCall(ctx, 'GetCallerIdentity', () =>
    ctx.clients.sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal }),
  );
  const account = { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
  ctx.logger.info(
    `AWS: account ${account.account} (${account.arn}), region ${ctx.settings.region}`,
  );
  return account;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/**
 * Fetches the deployed remediation configurations of `ruleNames` (DescribeRemediationConfigurations,
 * at most 25 names per call). Rules without a remediation configuration are absent from the map.
 * @throws AwsOperationError
 */
export async function describeDeployed(
  ctx: AwsContext,
  ruleNames: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, RemediationConfiguration>> {
  const unique = [...new Set(ruleNames.filter((n) => typeof n === 'string' && n.length > 0))];
  const deployed = new Map<string, RemediationConfiguration>();
  for (const names of chunks(unique, MAX_BATCH_SIZE)) {
    const out = await awsCall(ctx, 'DescribeRemediationConfigurations', () =>
      ctx.clients.config.send(
        new DescribeRemediationConfigurationsCommand({ ConfigRuleNames: names }),
        { abortSignal: signal },
      ),
    );
    for (const c of out.RemediationConfigurations ?? []) {
      if (c.ConfigRuleName) {
        deployed.set(c.ConfigRuleName, c);
      }
    }
  }
  ctx.logger.info(
    `AWS: ${deployed.size} of ${unique.length} rule(s) have a deployed remediation configuration`,
  );
  return deployed;
}

/** How a local configuration relates to the deployed one. */
export type PlanStatus = 'new' | 'changed' | 'unchanged';

/** One configuration of the plan. */
export interface PlanItem {
  /** Index of the configuration in the file's RemediationConfigurations list. */
  index: number;
  configRuleName: string;
  status: PlanStatus;
  /** Canonical JSON of the local configuration (output-only members dropped, API key order). */
  localText: string;
  /** Canonical JSON of the deployed configuration, if there is one. */
  deployedText?: string;
  /** Unified diff deployed → local, for `changed` items. */
  diff?: string;
}

/** The preview of a deployment. */
export interface DeploymentPlan {
  items: PlanItem[];
  counts: Record<PlanStatus, number>;
}

/** Options of {@link planDeployment}. */
export interface PlanOptions {
  /** File index of each configuration (default: its position in `local`). */
  indices?: readonly number[];
}

/**
 * Compares local configurations with the deployed state, per ConfigRuleName: `new` (nothing
 * deployed), `changed` or `unchanged` (normalised JSON: output-only Arn/CreatedByService
 * dropped, keys sorted, documented defaults filled in). Changed items carry a unified diff.
 * Pure; no AWS call.
 */
export function planDeployment(
  local: readonly RemediationConfiguration[],
  deployed: ReadonlyMap<string, RemediationConfiguration> | readonly RemediationConfiguration[],
  options: PlanOptions = {},
): DeploymentPlan {
  const byName: ReadonlyMap<string, RemediationConfiguration> = Array.isArray(deployed)
    ? new Map(
        (deployed as readonly RemediationConfiguration[]).map((c) => [c.ConfigRuleName ?? '', c]),
      )
    : (deployed as ReadonlyMap<string, RemediationConfiguration>);
  const counts: Record<PlanStatus, number> = { new: 0, changed: 0, unchanged: 0 };
  const items = local.map((c, i): PlanItem => {
    const index = options.indices?.[i] ?? i;
    const configRuleName = c.ConfigRuleName ?? '';
    const localText = canonicalJson(c);
    const current = byName.get(configRuleName);
    if (!current) {
      counts.new++;
      return { index, configRuleName, status: 'new', localText };
    }
    const deployedText = canonicalJson(current);
    if (comparableForm(current) === comparableForm(c)) {
      counts.unchanged++;
      return { index, configRuleName, status: 'unchanged', localText, deployedText };
    }
    counts.changed++;
    const diff = createTwoFilesPatch(
      `deployed/${configRuleName}.json`,
      `local/${configRuleName}.json`,
      deployedText,
      localText,
      undefined,
      undefined,
      { context: 3 },
    );
    return { index, configRuleName, status: 'changed', localText, deployedText, diff };
  });
  return { items, counts };
}

/** Outcome of one configuration in a deploy. */
export type DeployItemStatus = 'deployed' | 'failed' | 'not-sent' | 'unknown';

/** One configuration of a deploy report. */
export interface DeployItemResult {
  /** Index of the configuration in the file's RemediationConfigurations list. */
  index: number;
  configRuleName: string;
  /** 1-based batch number the configuration belongs to. */
  batch: number;
  /**
   * `deployed`: accepted; `failed`: in FailedBatches (or its batch was rejected by an exception);
   * `not-sent`: never sent (cancelled, or an earlier batch stopped the deploy); `unknown`: its
   * request was in flight when the connection failed, so AWS may or may not have applied it.
   */
  status: DeployItemStatus;
  /** FailureMessage from FailedBatches, or the classified exception message. */
  message?: string;
}

/** Progress callback payload. */
export interface DeployProgress {
  phase: 'sending' | 'sent';
  /** 1-based batch number. */
  batch: number;
  batchCount: number;
  /** Configurations whose batch has completed. */
  done: number;
  total: number;
}

/** Options of {@link deploy}. */
export interface DeployOptions {
  /** Configurations per PutRemediationConfigurations call, 1..25. Default 25. */
  batchSize?: number;
  /**
   * Cancels the deploy. Honoured between batches: a batch already sent is allowed to complete
   * so that its outcome is known; later batches are reported `not-sent`.
   */
  signal?: AbortSignal;
  /** Called before and after each batch. */
  onProgress?: (p: DeployProgress) => void;
  /** File index of each configuration (default: its position in the `configs` array). */
  indices?: readonly number[];
}

/** The structured result of {@link deploy}. */
export interface DeployReport {
  items: DeployItemResult[];
  counts: Record<DeployItemStatus, number>;
  total: number;
  batchCount: number;
  /** PutRemediationConfigurations calls that completed (successfully or with FailedBatches). */
  batchesCompleted: number;
  /** True when the signal stopped the deploy before all batches were sent. */
  cancelled: boolean;
  /** The exception that stopped the deploy, if any (classified, redacted). */
  error?: ClassifiedAwsError;
  /** FailedItems whose ConfigRuleName matched nothing in their batch (should not happen). */
  unmatchedFailures: { configRuleName: string; message: string }[];
  /** True when every configuration was deployed. */
  ok: boolean;
}

/**
 * Calls PutRemediationConfigurations in batches of at most 25 and reports the outcome of every
 * configuration: FailedBatches[].FailedItems are matched back by ConfigRuleName. An exception
 * (after the SDK's retries) stops the deploy; it is classified into `report.error` and the rest
 * is `not-sent`. Never throws for AWS failures. The configurations are sent as given; if the SDK
 * could not send one exactly as written (unknown member, wrong JSON type), nothing is sent and
 * `report.error.kind` is `validation`.
 */
export async function deploy(
  ctx: AwsContext,
  configs: readonly RemediationConfiguration[],
  options: DeployOptions = {},
): Promise<DeployReport> {
  const batchSize = Math.max(
    1,
    Math.min(MAX_BATCH_SIZE, Math.floor(options.batchSize ?? MAX_BATCH_SIZE)),
  );
  const items: DeployItemResult[] = configs.map((c, i) => ({
    index: options.indices?.[i] ?? i,
    configRuleName: c.ConfigRuleName ?? '',
    batch: Math.floor(i / batchSize) + 1,
    status: 'not-sent',
  }));
  const batchCount = Math.ceil(configs.length / batchSize);
  const report: DeployReport = {
    items,
    counts: { deployed: 0, failed: 0, 'not-sent': 0, unknown: 0 },
    total: configs.length,
    batchCount,
    batchesCompleted: 0,
    cancelled: false,
    unmatchedFailures: [],
    ok: false,
  };
  ctx.logger.info(
    `AWS: deploying ${configs.length} remediation configuration(s) in ${batchCount} batch(es) of at most ${batchSize} (region ${ctx.settings.region})`,
  );
  const unsendable = findUnsendableMembers(configs);
  if (unsendable.length > 0) {
    const list = unsendable
      .slice(0, 10)
      .map(
        (u) => `#${items[u.index].index} ${items[u.index].configRuleName} ${u.path}: ${u.problem}`,
      )
      .join('; ');
    report.error = {
      kind: 'validation',
      code: 'UnsendableConfiguration',
      message: ctx.redact(
        `Nothing was deployed: the SDK would not send these configurations as written (${list}${unsendable.length > 10 ? `; and ${unsendable.length - 10} more` : ''}). Next step: fix the file's errors and deploy again.`,
      ),
      detail: '',
      outcomeUnknown: false,
    };
    ctx.logger.error(`AWS: ${report.error.message}`);
    report.counts['not-sent'] = configs.length;
    return report;
  }
  let done = 0;
  for (let b = 0; b < batchCount; b++) {
    if (options.signal?.aborted) {
      report.cancelled = true;
      ctx.logger.warn(`AWS: deploy cancelled before batch ${b + 1}/${batchCount}`);
      break;
    }
    const start = b * batchSize;
    const batch = configs.slice(start, start + batchSize);
    const batchItems = items.slice(start, start + batchSize);
    options.onProgress?.({
      phase: 'sending',
      batch: b + 1,
      batchCount,
      done,
      total: configs.length,
    });
    let failedBatches;
    try {
      const out = await ctx.clients.config.send(
        new PutRemediationConfigurationsCommand({ RemediationConfigurations: [...batch] }),
      );
      failedBatches = out.FailedBatches ?? [];
    } catch (e) {
      const classified = classifyFor(ctx, 'PutRemediationConfigurations', e);
      report.error = classified;
      for (const it of batchItems) {
        it.status = classified.outcomeUnknown ? 'unknown' : 'failed';
        it.message = classified.message;
      }
      ctx.logger.error(
        `AWS: batch ${b + 1}/${batchCount} (${batchItems.map((i) => i.configRuleName).join(', ')}) failed: ${classified.message}${classified.requestId ? ` [request id ${classified.requestId}]` : ''}`,
      );
      break;
    }
    const failures = new Map<string, string>();
    for (const fb of failedBatches) {
      const message = fb.FailureMessage ?? 'AWS reported the item as failed without a message';
      for (const fi of fb.FailedItems ?? []) {
        failures.set(fi.ConfigRuleName ?? '', message);
      }
    }
    const matched = new Set<string>();
    for (const it of batchItems) {
      const message = failures.get(it.configRuleName);
      if (message !== undefined) {
        it.status = 'failed';
        it.message = ctx.redact(message);
        matched.add(it.configRuleName);
        ctx.logger.error(`AWS: #${it.index} ${it.configRuleName} failed: ${message}`);
      } else {
        it.status = 'deployed';
      }
    }
    for (const [name, message] of failures) {
      if (!matched.has(name)) {
        report.unmatchedFailures.push({ configRuleName: name, message: ctx.redact(message) });
        ctx.logger.warn(
          `AWS: FailedBatches named "${name}", which is not in batch ${b + 1}: ${message}`,
        );
      }
    }
    done += batch.length;
    report.batchesCompleted++;
    const ok = batchItems.filter((i) => i.status === 'deployed').length;
    ctx.logger.info(
      `AWS: batch ${b + 1}/${batchCount}: ${ok} deployed, ${batchItems.length - ok} failed`,
    );
    options.onProgress?.({ phase: 'sent', batch: b + 1, batchCount, done, total: configs.length });
  }
  if (!report.cancelled && !report.error && options.signal?.aborted && done < configs.length) {
    report.cancelled = true;
  }
  for (const it of items) {
    report.counts[it.status]++;
  }
  report.ok = report.counts.deployed === configs.length && report.unmatchedFailures.length === 0;
  ctx.logger.info(`AWS: ${formatDeploySummary(report)}`);
  return report;
}

/** One-line summary, e.g. `58 deployed, 2 failed, 0 not sent (cancelled)`. */
export function formatDeploySummary(r: DeployReport): string {
  const parts = [
    `${r.counts.deployed} deployed`,
    `${r.counts.failed} failed`,
    `${r.counts['not-sent']} not sent`,
  ];
  if (r.counts.unknown) {
    parts.push(`${r.counts.unknown} unknown`);
  }
  return `${parts.join(', ')} of ${r.total}${r.cancelled ? ' (cancelled)' : ''}${r.error ? ` (stopped: ${r.error.code})` : ''}`;
}

/** Multi-line report: the summary, then every configuration that was not deployed. */
export function formatDeployReport(r: DeployReport): string {
  const lines = [formatDeploySummary(r)];
  if (r.error) {
    lines.push(r.error.message);
  }
  for (const it of r.items) {
    if (it.status !== 'deployed') {
      const why = it.message && it.message !== r.error?.message ? `: ${it.message}` : '';
      lines.push(`  ${it.status.padEnd(8)} #${it.index} ${it.configRuleName}${why}`);
    }
  }
  for (const u of r.unmatchedFailures) {
    lines.push(`  failed   (not in file) ${u.configRuleName}: ${u.message}`);
  }
  return lines.join('\n');
}

/** Multi-line preview: counts, then each new / changed configuration with its diff. */
export function formatPlan(plan: DeploymentPlan): string {
  const { counts } = plan;
  const lines = [`${counts.new} new, ${counts.changed} changed, ${counts.unchanged} unchanged`];
  for (const it of plan.items) {
    if (it.status === 'new') {
      lines.push(`+ new       #${it.index} ${it.configRuleName}`);
    } else if (it.status === 'changed') {
      lines.push(`~ changed   #${it.index} ${it.configRuleName}`);
      lines.push(
        ...(it.diff ?? '')
          .trimEnd()
          .split('\n')
          .map((l) => `    ${l}`),
      );
    } else {
      lines.push(`  unchanged #${it.index} ${it.configRuleName}`);
    }
  }
  return lines.join('\n');
}
