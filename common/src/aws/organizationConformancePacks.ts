/**
 * AWS Config organization conformance packs: one conformance pack template deployed to every
 * member account of the organisation (PutOrganizationConformancePack), followed to its end with
 * the per-account status (GetOrganizationConformancePackDetailedStatus).
 *
 * Runs in the management account or a delegated administrator for AWS Config
 * (config-multiaccountsetup.amazonaws.com); accounts in `excludedAccounts` are left out.
 */

import type { OrganizationResourceDetailedStatus } from '@aws-sdk/client-config-service';
import {
  DescribeOrganizationConformancePacksCommand,
  DescribeOrganizationConformancePackStatusesCommand,
  GetOrganizationConformancePackDetailedStatusCommand,
  PutOrganizationConformancePackCommand,
} from '@aws-sdk/client-config-service';
import type { AwsContext } from './clients';
import { awsCall, classifyFor } from './deploy';
import { AwsOperationError } from './errors';
import { sleep } from './sleep';

/** The organization conformance pack as deployed. */
export interface DeployedOrganizationConformancePack {
  name: string;
  excludedAccounts: string[];
  lastUpdateTime?: Date;
}

/** One member account's status. */
export interface MemberPackStatus {
  account: string;
  /** CREATE_SUCCESSFUL, CREATE_IN_PROGRESS, CREATE_FAILED, UPDATE_…, DELETE_…. */
  status: OrganizationResourceDetailedStatus | string;
  errorCode?: string;
  errorMessage?: string;
}

export interface OrganizationPackReport {
  name: string;
  /** The pack's overall status at the end of the following. */
  status: string;
  errorCode?: string;
  errorMessage?: string;
  members: MemberPackStatus[];
  /** False when following stopped before the deployment ended. */
  finished: boolean;
  ok: boolean;
}

export interface OrganizationPackOptions {
  excludedAccounts?: readonly string[];
  pollIntervalMs?: number;
  signal?: AbortSignal;
  onProgress?(status: string, members: MemberPackStatus[]): void;
}

/** Reads the pack; undefined when the organisation has none of that name. */
export async function describeOrganizationConformancePack(
  ctx: AwsContext,
  name: string,
  signal?: AbortSignal,
): Promise<DeployedOrganizationConformancePack | undefined> {
  let out;
  try {
    out = await ctx.clients.config.send(
      new DescribeOrganizationConformancePacksCommand({
        OrganizationConformancePackNames: [name],
      }),
      { abortSignal: signal },
    );
  } catch (e) {
    if ((e as { name?: unknown })?.name === 'NoSuchOrganizationConformancePackException') {
      return undefined;
    }
    const classified = classifyFor(ctx, 'DescribeOrganizationConformancePacks', e);
    ctx.logger.error(`AWS: DescribeOrganizationConformancePacks failed: ${classified.message}`);
    throw new AwsOperationError(classified);
  }
  const pack = out.OrganizationConformancePacks?.[0];
  if (!pack) return undefined;
  return {
    name,
    excludedAccounts: pack.ExcludedAccounts ?? [],
    lastUpdateTime: pack.LastUpdateTime,
  };
}

const IN_PROGRESS = /_IN_PROGRESS$/;

async function memberStatuses(ctx: AwsContext, name: string): Promise<MemberPackStatus[]> {
  const out: MemberPackStatus[] = [];
  let token: string | undefined;
  do {
    const page = await awsCall(ctx, 'GetOrganizationConformancePackDetailedStatus', () =>
      ctx.clients.config.send(
        new GetOrganizationConformancePackDetailedStatusCommand({
          OrganizationConformancePackName: name,
          NextToken: token,
        }),
      ),
    );
    for (const s of page.OrganizationConformancePackDetailedStatuses ?? []) {
      out.push({
        account: s.AccountId ?? '',
        status: s.Status ?? 'UNKNOWN',
        errorCode: s.ErrorCode,
        errorMessage: s.ErrorMessage,
      });
    }
    token = page.NextToken;
  } while (token);
  return out;
}

/**
 * Puts the pack (create or update); the deployment to the member accounts then runs in AWS
 * (follow it with {@link followOrganizationConformancePack}).
 * @throws AwsOperationError (nothing was deployed).
 */
export async function putOrganizationConformancePack(
  ctx: AwsContext,
  name: string,
  templateBody: string,
  excludedAccounts?: readonly string[],
): Promise<void> {
  await awsCall(ctx, 'PutOrganizationConformancePack', () =>
    ctx.clients.config.send(
      new PutOrganizationConformancePackCommand({
        OrganizationConformancePackName: name,
        TemplateBody: templateBody,
        ExcludedAccounts: excludedAccounts ? [...excludedAccounts] : undefined,
      }),
    ),
  );
  ctx.logger.info(
    `AWS: put organization conformance pack ${name} (${templateBody.length} characters)`,
  );
}

/**
 * Follows the pack's deployment until neither the pack nor a member account is in progress (or
 * the signal stops the following; the deployment goes on in AWS). Throttled polls back off.
 * @throws AwsOperationError
 */
export async function followOrganizationConformancePack(
  ctx: AwsContext,
  name: string,
  options: Omit<OrganizationPackOptions, 'excludedAccounts'> = {},
): Promise<OrganizationPackReport> {
  const base = options.pollIntervalMs ?? 5000;
  let wait = 0;
  let throttled = 0;
  let status = 'CREATE_IN_PROGRESS';
  let errorCode: string | undefined;
  let errorMessage: string | undefined;
  let members: MemberPackStatus[] = [];
  for (;;) {
    await sleep(wait, options.signal);
    if (options.signal?.aborted) {
      return { name, status, errorCode, errorMessage, members, finished: false, ok: false };
    }
    try {
      const out = await ctx.clients.config.send(
        new DescribeOrganizationConformancePackStatusesCommand({
          OrganizationConformancePackNames: [name],
        }),
      );
      const s = out.OrganizationConformancePackStatuses?.[0];
      status = s?.Status ?? status;
      errorCode = s?.ErrorCode;
      errorMessage = s?.ErrorMessage;
      members = await memberStatuses(ctx, name);
      throttled = 0;
      wait = base;
    } catch (e) {
      const classified = classifyFor(ctx, 'DescribeOrganizationConformancePackStatuses', e);
      if (classified.kind !== 'throttling' || throttled >= 8) {
        ctx.logger.error(
          `AWS: DescribeOrganizationConformancePackStatuses failed: ${classified.message}`,
        );
        throw new AwsOperationError(classified);
      }
      throttled++;
      wait = Math.min(Math.max(base, 100) * 2 ** throttled, 60_000);
      continue;
    }
    options.onProgress?.(status, members);
    const running = IN_PROGRESS.test(status) || members.some((m) => IN_PROGRESS.test(m.status));
    if (!running) {
      const ok = /_SUCCESSFUL$/.test(status) && members.every((m) => /_SUCCESSFUL$/.test(m.status));
      return { name, status, errorCode, errorMessage, members, finished: true, ok };
    }
  }
}
