/**
 * CloudFormation StackSets: roll one exported template out to accounts or organisational units
 * in several regions. Read the StackSet (template, instances), plan (template diff, instances to
 * add), then apply: create or update the StackSet, create the missing instances, and follow
 * each operation to its end with per-account, per-region results.
 *
 * Every call goes through {@link awsCall} (classified, redacted errors). Template bodies and
 * statuses are logged by size and name only.
 */

import type {
  AutoDeployment,
  StackInstanceSummary,
  StackSetOperationPreferences,
  StackSetOperationResultSummary,
} from '@aws-sdk/client-cloudformation';
import {
  CreateStackInstancesCommand,
  CreateStackSetCommand,
  DescribeStackSetCommand,
  DescribeStackSetOperationCommand,
  ListStackInstancesCommand,
  ListStackSetOperationResultsCommand,
  UpdateStackSetCommand,
} from '@aws-sdk/client-cloudformation';
import { createTwoFilesPatch } from 'diff';
import { parse as parseYaml } from 'yaml';
import type { AwsContext } from './clients';
import { awsCall, classifyFor } from './deploy';
import { AwsOperationError } from './errors';
import { canonicalJson } from './normalize';
import { sleep } from './sleep';

/** Who owns the StackSet's roles: AWS Organizations (default) or the user's own IAM roles. */
export type PermissionModel = 'SERVICE_MANAGED' | 'SELF_MANAGED';
/** `SELF` for the management account, `DELEGATED_ADMIN` for a delegated administrator. */
export type CallAs = 'SELF' | 'DELEGATED_ADMIN';

/** Where the stack instances go. Exactly one of `organizationalUnitIds` and `accounts`. */
export interface StackSetTargets {
  organizationalUnitIds?: readonly string[];
  accounts?: readonly string[];
  regions: readonly string[];
}

/** A count or a percentage (StackSets take one of the two). */
export type CountOrPercent = { count: number } | { percent: number };

/** The operation preferences (flags with safe defaults: one at a time, no failure tolerated). */
export interface RolloutPreferences {
  maxConcurrent: CountOrPercent;
  failureTolerance: CountOrPercent;
  /** SEQUENTIAL (default): one region after another, in the order given. */
  regionConcurrency: 'SEQUENTIAL' | 'PARALLEL';
}

export const DEFAULT_ROLLOUT_PREFERENCES: RolloutPreferences = {
  maxConcurrent: { count: 1 },
  failureTolerance: { count: 0 },
  regionConcurrency: 'SEQUENTIAL',
};

/** A stack instance as ListStackInstances reports it. */
export interface StackSetInstance {
  account: string;
  region: string;
  organizationalUnitId?: string;
  /** CURRENT, OUTDATED or INOPERABLE. */
  status: string;
  /** PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED, INOPERABLE, SKIPPED_SUSPENDED_ACCOUNT. */
  detailedStatus?: string;
  statusReason?: string;
  /** DRIFTED, IN_SYNC, UNKNOWN, NOT_CHECKED. */
  driftStatus?: string;
}

/** The StackSet as deployed. */
export interface DeployedStackSet {
  name: string;
  status: string;
  permissionModel: PermissionModel;
  templateBody: string;
  autoDeployment?: { enabled: boolean; retainStacksOnAccountRemoval: boolean };
  /** The StackSet's drift status (DRIFTED when an instance's stack drifted). */
  driftStatus?: string;
  instances: StackSetInstance[];
}

/** An instance the roll-out will add: an account or an OU, in a region. */
export interface PlannedInstance {
  target: string;
  region: string;
}

/** What the roll-out will do. */
export interface StackSetPlan {
  name: string;
  /** new: the StackSet is created; changed: its template is updated; unchanged: it is kept. */
  template: 'new' | 'changed' | 'unchanged';
  /** Unified diff of the current template against the new one (when changed). */
  diff?: string;
  /** Instances to create. */
  add: PlannedInstance[];
  /** Instances already there for the requested targets and regions (updated when changed). */
  existing: StackSetInstance[];
  /** Instances the StackSet has outside the requested targets and regions (left as they are). */
  others: StackSetInstance[];
  /** Instances whose stack drifted, or that are not CURRENT. */
  attention: StackSetInstance[];
  permissionModel: PermissionModel;
  targets: StackSetTargets;
}

/** One account and region of an operation. */
export interface InstanceResult {
  account: string;
  region: string;
  organizationalUnitId?: string;
  /** PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED. */
  status: string;
  reason?: string;
}

/** One StackSet operation as followed. */
export interface StackSetOperationReport {
  operationId: string;
  action: 'CREATE' | 'UPDATE';
  /** RUNNING, SUCCEEDED, FAILED, STOPPING, STOPPED, QUEUED; or RUNNING when not followed to its end. */
  status: string;
  statusReason?: string;
  results: InstanceResult[];
  /** False when following stopped (Ctrl-C) before the operation ended. */
  finished: boolean;
}

/** What a roll-out did. */
export interface RolloutReport {
  name: string;
  created: boolean;
  operations: StackSetOperationReport[];
  /** True when every operation succeeded and every instance result is SUCCEEDED. */
  ok: boolean;
  /** Following was stopped before the end (the operation may still be running in AWS). */
  stoppedFollowing: boolean;
}

/** Progress while following: the operation and its results so far. */
export interface RolloutProgress {
  operationId: string;
  action: 'CREATE' | 'UPDATE';
  status: string;
  results: InstanceResult[];
}

export interface RolloutOptions {
  preferences?: RolloutPreferences;
  callAs?: CallAs;
  /** Service-managed only: add instances to accounts that join the OUs (default true). */
  autoDeployment?: boolean;
  /** Self-managed only. */
  administrationRoleArn?: string;
  executionRoleName?: string;
  description?: string;
  /** Between DescribeStackSetOperation polls. Default 5000 ms. */
  pollIntervalMs?: number;
  /** Stops following (never stops the operation in AWS). */
  signal?: AbortSignal;
  /** The StackSet was created (before any instance operation). */
  onCreated?(): void;
  /** An operation was started: its id is known from here on. */
  onOperation?(operationId: string, action: 'CREATE' | 'UPDATE'): void;
  onProgress?(progress: RolloutProgress): void;
}

function isNotFound(e: unknown): boolean {
  const x = e as { name?: unknown; classified?: { code?: string } };
  return (
    x?.name === 'StackSetNotFoundException' || x?.classified?.code === 'StackSetNotFoundException'
  );
}

/**
 * Reads the StackSet and its instances; undefined when there is no StackSet of that name.
 * @throws AwsOperationError
 */
export async function describeStackSet(
  ctx: AwsContext,
  name: string,
  options: { callAs?: CallAs; signal?: AbortSignal } = {},
): Promise<DeployedStackSet | undefined> {
  const cfn = ctx.clients.cloudformation;
  let out;
  try {
    out = await cfn.send(
      new DescribeStackSetCommand({ StackSetName: name, CallAs: options.callAs }),
      { abortSignal: options.signal },
    );
  } catch (e) {
    if (isNotFound(e)) {
      ctx.logger.info(`AWS: StackSet ${name} does not exist yet`);
      return undefined;
    }
    const classified = classifyFor(ctx, 'DescribeStackSet', e);
    ctx.logger.error(`AWS: DescribeStackSet failed: ${classified.message}`);
    throw new AwsOperationError(classified);
  }
  const set = out.StackSet ?? {};
  if (set.Status === 'DELETED') return undefined;
  const instances: StackSetInstance[] = [];
  let token: string | undefined;
  do {
    const page = await awsCall(ctx, 'ListStackInstances', () =>
      cfn.send(
        new ListStackInstancesCommand({
          StackSetName: name,
          CallAs: options.callAs,
          NextToken: token,
        }),
        { abortSignal: options.signal },
      ),
    );
    for (const s of page.Summaries ?? []) instances.push(toInstance(s));
    token = page.NextToken;
  } while (token);
  const auto = set.AutoDeployment;
  ctx.logger.info(
    `AWS: StackSet ${name}: ${set.Status ?? 'unknown status'}, ${set.PermissionModel ?? 'SELF_MANAGED'}, template ${(set.TemplateBody ?? '').length} characters, ${instances.length} instance(s)`,
  );
  return {
    name,
    status: set.Status ?? 'ACTIVE',
    permissionModel: set.PermissionModel === 'SERVICE_MANAGED' ? 'SERVICE_MANAGED' : 'SELF_MANAGED',
    templateBody: set.TemplateBody ?? '',
    autoDeployment: auto
      ? {
          enabled: auto.Enabled === true,
          retainStacksOnAccountRemoval: auto.RetainStacksOnAccountRemoval === true,
        }
      : undefined,
    driftStatus: set.StackSetDriftDetectionDetails?.DriftStatus,
    instances,
  };
}

function toInstance(s: StackInstanceSummary): StackSetInstance {
  return {
    account: s.Account ?? '',
    region: s.Region ?? '',
    organizationalUnitId: s.OrganizationalUnitId,
    status: s.Status ?? 'UNKNOWN',
    detailedStatus: s.StackInstanceStatus?.DetailedStatus,
    statusReason: s.StatusReason,
    driftStatus: s.DriftStatus,
  };
}

/** The template as comparable data (JSON or YAML); the text itself when it parses as neither. */
function comparableTemplate(text: string): string {
  try {
    return canonicalJson(JSON.parse(text));
  } catch {
    try {
      // Short-form intrinsics (!Ref) are custom tags; keep them comparable as tagged text.
      return canonicalJson(
        parseYaml(text, {
          customTags: [
            {
              tag: '!Ref',
              resolve: (v: string) => ({ Ref: v }),
            },
          ],
        }),
      );
    } catch {
      return text;
    }
  }
}

/** Pretty JSON when the text is JSON (so diffs are line-based), else the text. */
function diffableTemplate(text: string): string {
  try {
    return `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
  } catch {
    return text.endsWith('\n') ? text : `${text}\n`;
  }
}

/** Plans a roll-out: template status (with its diff) and the instances to add. Pure. */
export function planStackSet(
  name: string,
  deployed: DeployedStackSet | undefined,
  templateBody: string,
  targets: StackSetTargets,
  permissionModel: PermissionModel,
): StackSetPlan {
  const byOu = (targets.organizationalUnitIds?.length ?? 0) > 0;
  const wanted = (byOu ? targets.organizationalUnitIds : targets.accounts) ?? [];
  const instances = deployed?.instances ?? [];
  const targetOf = (i: StackSetInstance): string =>
    byOu ? (i.organizationalUnitId ?? '') : i.account;
  const add: PlannedInstance[] = [];
  for (const region of targets.regions) {
    for (const target of wanted) {
      if (!instances.some((i) => i.region === region && targetOf(i) === target)) {
        add.push({ target, region });
      }
    }
  }
  const inScope = (i: StackSetInstance): boolean =>
    targets.regions.includes(i.region) && wanted.includes(targetOf(i));
  let template: StackSetPlan['template'] = 'new';
  let diff: string | undefined;
  if (deployed) {
    if (comparableTemplate(deployed.templateBody) === comparableTemplate(templateBody)) {
      template = 'unchanged';
    } else {
      template = 'changed';
      diff = createTwoFilesPatch(
        `${name} (deployed)`,
        `${name} (file)`,
        diffableTemplate(deployed.templateBody),
        diffableTemplate(templateBody),
        undefined,
        undefined,
        { context: 3 },
      );
    }
  }
  return {
    name,
    template,
    diff,
    add,
    existing: instances.filter(inScope),
    others: instances.filter((i) => !inScope(i)),
    attention: instances.filter(
      (i) => i.driftStatus === 'DRIFTED' || (i.status !== 'CURRENT' && i.status !== ''),
    ),
    permissionModel: deployed?.permissionModel ?? permissionModel,
    targets,
  };
}

function preferencesOf(
  p: RolloutPreferences,
  regions: readonly string[],
): StackSetOperationPreferences {
  return {
    RegionConcurrencyType: p.regionConcurrency,
    RegionOrder: [...regions],
    ...('count' in p.maxConcurrent
      ? { MaxConcurrentCount: p.maxConcurrent.count }
      : { MaxConcurrentPercentage: p.maxConcurrent.percent }),
    ...('count' in p.failureTolerance
      ? { FailureToleranceCount: p.failureTolerance.count }
      : { FailureTolerancePercentage: p.failureTolerance.percent }),
  };
}

/** Targets grouped by the regions they miss, so no operation names an existing instance. */
export function instanceGroups(
  add: readonly PlannedInstance[],
): { targets: string[]; regions: string[] }[] {
  const regionsOf = new Map<string, string[]>();
  for (const a of add) regionsOf.set(a.target, [...(regionsOf.get(a.target) ?? []), a.region]);
  const groups = new Map<string, { targets: string[]; regions: string[] }>();
  for (const [target, regions] of regionsOf) {
    const key = regions.join(',');
    const group = groups.get(key) ?? { targets: [], regions };
    group.targets.push(target);
    groups.set(key, group);
  }
  return [...groups.values()];
}

const FINAL = new Set(['SUCCEEDED', 'FAILED', 'STOPPED']);

function toResult(s: StackSetOperationResultSummary): InstanceResult {
  return {
    account: s.Account ?? '',
    region: s.Region ?? '',
    organizationalUnitId: s.OrganizationalUnitId,
    status: s.Status ?? 'PENDING',
    reason: s.StatusReason,
  };
}

/**
 * Follows an operation until it ends (or `signal` stops the following): DescribeStackSetOperation
 * every `pollIntervalMs`, then ListStackSetOperationResults for the per-instance outcomes.
 * Throttled polls (after the SDK's own retries) back off and poll again; other errors throw.
 */
export async function followOperation(
  ctx: AwsContext,
  name: string,
  operationId: string,
  action: 'CREATE' | 'UPDATE',
  options: Pick<RolloutOptions, 'callAs' | 'pollIntervalMs' | 'signal' | 'onProgress'> = {},
): Promise<StackSetOperationReport> {
  const cfn = ctx.clients.cloudformation;
  const base = options.pollIntervalMs ?? 5000;
  let wait = 0;
  let status = 'RUNNING';
  let statusReason: string | undefined;
  let results: InstanceResult[] = [];
  let throttled = 0;
  const listResults = async (): Promise<InstanceResult[]> => {
    const out: InstanceResult[] = [];
    let token: string | undefined;
    do {
      const page = await awsCall(ctx, 'ListStackSetOperationResults', () =>
        cfn.send(
          new ListStackSetOperationResultsCommand({
            StackSetName: name,
            OperationId: operationId,
            CallAs: options.callAs,
            NextToken: token,
          }),
        ),
      );
      for (const s of page.Summaries ?? []) out.push(toResult(s));
      token = page.NextToken;
    } while (token);
    return out;
  };
  for (;;) {
    await sleep(wait, options.signal);
    if (options.signal?.aborted) {
      return { operationId, action, status, statusReason, results, finished: false };
    }
    try {
      const out = await cfn.send(
        new DescribeStackSetOperationCommand({
          StackSetName: name,
          OperationId: operationId,
          CallAs: options.callAs,
        }),
      );
      status = out.StackSetOperation?.Status ?? 'RUNNING';
      statusReason = out.StackSetOperation?.StatusReason;
      results = await listResults();
      throttled = 0;
      wait = base;
    } catch (e) {
      const classified = classifyFor(ctx, 'DescribeStackSetOperation', e);
      if (classified.kind !== 'throttling' || throttled >= 8) {
        ctx.logger.error(`AWS: DescribeStackSetOperation failed: ${classified.message}`);
        throw Object.assign(new AwsOperationError(classified), { operationId });
      }
      throttled++;
      wait = Math.min(Math.max(base, 100) * 2 ** throttled, 60_000);
      ctx.logger.warn(
        `AWS: DescribeStackSetOperation throttled (${classified.code}); polling again in ${wait} ms`,
      );
      continue;
    }
    options.onProgress?.({ operationId, action, status, results });
    if (FINAL.has(status)) {
      ctx.logger.info(`AWS: StackSet ${name} operation ${operationId}: ${status}`);
      return { operationId, action, status, statusReason, results, finished: true };
    }
  }
}

/**
 * Applies a plan: creates the StackSet (or updates its template on every instance, following
 * that operation), then creates the missing instances and follows that operation. Stops after
 * an operation that did not succeed, and when `signal` stops the following (nothing further is
 * started; the running operation goes on in AWS).
 * @throws AwsOperationError (the error may carry `operationId` when an operation had started).
 */
export async function rollOutStackSet(
  ctx: AwsContext,
  plan: StackSetPlan,
  templateBody: string,
  options: RolloutOptions = {},
): Promise<RolloutReport> {
  const cfn = ctx.clients.cloudformation;
  const prefs = preferencesOf(
    options.preferences ?? DEFAULT_ROLLOUT_PREFERENCES,
    plan.targets.regions,
  );
  const byOu = (plan.targets.organizationalUnitIds?.length ?? 0) > 0;
  const operations: StackSetOperationReport[] = [];
  const report = (created: boolean): RolloutReport => {
    const stoppedFollowing = operations.some((o) => !o.finished);
    const ok =
      !stoppedFollowing &&
      operations.every(
        (o) => o.status === 'SUCCEEDED' && o.results.every((r) => r.status === 'SUCCEEDED'),
      );
    return { name: plan.name, created, operations, ok, stoppedFollowing };
  };
  const follow = async (operationId: string, action: 'CREATE' | 'UPDATE'): Promise<boolean> => {
    options.onOperation?.(operationId, action);
    const followed = await followOperation(ctx, plan.name, operationId, action, options);
    operations.push(followed);
    return followed.finished && followed.status === 'SUCCEEDED';
  };
  let created = false;
  if (plan.template === 'new') {
    const auto: AutoDeployment | undefined =
      plan.permissionModel === 'SERVICE_MANAGED'
        ? { Enabled: options.autoDeployment ?? true, RetainStacksOnAccountRemoval: false }
        : undefined;
    await awsCall(ctx, 'CreateStackSet', () =>
      cfn.send(
        new CreateStackSetCommand({
          StackSetName: plan.name,
          TemplateBody: templateBody,
          Description: options.description,
          PermissionModel: plan.permissionModel,
          AutoDeployment: auto,
          CallAs: options.callAs,
          AdministrationRoleARN: options.administrationRoleArn,
          ExecutionRoleName: options.executionRoleName,
        }),
      ),
    );
    created = true;
    options.onCreated?.();
    ctx.logger.info(`AWS: created StackSet ${plan.name} (${plan.permissionModel})`);
  } else if (plan.template === 'changed') {
    const out = await awsCall(ctx, 'UpdateStackSet', () =>
      cfn.send(
        new UpdateStackSetCommand({
          StackSetName: plan.name,
          TemplateBody: templateBody,
          Description: options.description,
          OperationPreferences: prefs,
          CallAs: options.callAs,
          AdministrationRoleARN: options.administrationRoleArn,
          ExecutionRoleName: options.executionRoleName,
        }),
      ),
    );
    if (out.OperationId && !(await follow(out.OperationId, 'UPDATE'))) return report(created);
  }
  // One CreateStackInstances per group of targets missing the same regions (usually one).
  for (const group of instanceGroups(plan.add)) {
    if (options.signal?.aborted) break;
    const out = await awsCall(ctx, 'CreateStackInstances', () =>
      cfn.send(
        new CreateStackInstancesCommand({
          StackSetName: plan.name,
          Regions: group.regions,
          ...(byOu
            ? { DeploymentTargets: { OrganizationalUnitIds: group.targets } }
            : { Accounts: group.targets }),
          OperationPreferences: { ...prefs, RegionOrder: group.regions },
          CallAs: options.callAs,
        }),
      ),
    );
    if (out.OperationId && !(await follow(out.OperationId, 'CREATE'))) break;
  }
  return report(created);
}

/** The AWS CLI command that shows an operation (for when following stopped). */
export function describeOperationCommand(
  name: string,
  operationId: string,
  region: string,
  callAs?: CallAs,
): string {
  return `aws cloudformation describe-stack-set-operation --stack-set-name ${name} --operation-id ${operationId} --region ${region}${callAs === 'DELEGATED_ADMIN' ? ' --call-as DELEGATED_ADMIN' : ''}`;
}
