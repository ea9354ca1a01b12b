/**
 * The organisation roll-outs of `config-remediation deploy`, after the file was checked:
 *  - `--regions A,B`: the deploy workflow in every region of one account (common/src/deploy/regions.ts);
 *  - `--stack-set NAME`: the exported CloudFormation template as a StackSet, with instances in
 *    accounts or OUs and regions, followed operation by operation;
 *  - `--organization-conformance-pack NAME`: the exported conformance pack to every member account.
 *
 * Exit codes are deploy's: 0 done, 1 something was not deployed, 2 nothing was sent (usage,
 * settings, credentials, not confirmed), 130 Ctrl-C (for StackSets and packs: following stopped,
 * the operation id and how to look it up are printed).
 */

import type {
  AwsContext,
  CallAs,
  CountOrPercent,
  DeployProgress,
  DeployReport,
  DeploymentPlan,
  PermissionModel,
  RemediationConfiguration,
  RolloutPreferences,
  RolloutReport,
  StackSetPlan,
  StackSetTargets,
} from '../../common/src/aws';
import { parseRegionList, runRegionsDeploy } from '../../common/src/deploy/regions';
import { countsText, plural } from '../../common/src/deploy/workflow';
import {
  formatPackReport,
  formatRolloutReport,
  formatStackSetPreview,
  MARK,
  regionsSummary,
  resultLine,
} from '../../common/src/deploy/rolloutText';
export {
  formatRolloutReport,
  formatStackSetPreview,
  regionsSummary,
} from '../../common/src/deploy/rolloutText';
import {
  exportConfigurations,
  ExportError,
  MAX_CONFORMANCE_PACK_BODY,
} from '../../server/src/languageService/languageService';
import type { AwsModule } from './awsCli';
import { asUserError, describeProfile } from './awsCli';
import { EXIT, UserError } from './errors';

/** Exit code of a run stopped with Ctrl-C. */
const EXIT_CANCELLED = 130;

/** What the roll-outs share with deploy. */
export interface RolloutContext {
  aws: AwsModule;
  file: string;
  values: RemediationConfiguration[];
  where: (index: number) => string;
  /** Opens a context; `region` overrides --region. */
  openContext: (region?: string) => Promise<AwsContext>;
  /** Undefined with --yes. */
  ask?: (question: string) => Promise<string | undefined>;
  dryRun: boolean;
  out: (line?: string) => void;
  err: (line: string) => void;
  formatPreview: (plan: DeploymentPlan, where: (index: number) => string, file: string) => string;
  formatReport: (
    report: DeployReport,
    where: (index: number) => string,
    account: string,
    region: string,
  ) => string;
}

async function confirmed(
  ctx: RolloutContext,
  question: string,
): Promise<'yes' | 'no' | 'cancelled'> {
  if (!ctx.ask) return 'yes';
  const answer = await ctx.ask(question);
  if (answer === undefined) return 'cancelled';
  return /^y(es)?$/i.test(answer.trim()) ? 'yes' : 'no';
}

function notConfirmed(ctx: RolloutContext, answer: 'no' | 'cancelled'): number {
  if (answer === 'cancelled') {
    ctx.err('Cancelled; nothing was sent.');
    return EXIT_CANCELLED;
  }
  ctx.err('Not confirmed; nothing was sent.');
  return EXIT.usage;
}

/**
 * Ctrl-C: the first one calls `onFirst` (stop sending or following), a second one calls `onSecond`
 * and quits. Returns the controller's signal and a function that removes the handler.
 */
function onCtrlC(
  onFirst: () => void,
  onSecond: () => void,
): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  let interrupts = 0;
  const handler = (): void => {
    interrupts++;
    if (interrupts === 1) {
      controller.abort();
      onFirst();
    } else {
      onSecond();
      process.exit(EXIT_CANCELLED);
    }
  };
  process.on('SIGINT', handler);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', handler) };
}

// ---------------------------------------------------------------------------------------------
// --regions

export async function deployToRegions(
  ctx: RolloutContext,
  regions: string[],
  concurrency: number,
): Promise<number> {
  const { aws, out, err } = ctx;
  let announced = false;
  const outcome = await runRegionsDeploy(
    aws,
    { values: ctx.values },
    regions,
    {
      openContext: (region) => ctx.openContext(region),
      preview: (planned) => {
        for (const p of planned) {
          if (!announced) {
            announced = true;
            out(
              `Account ${p.account.account}${p.account.arn ? ` (${p.account.arn})` : ''}, ${plural(planned.length, 'region')} ${regions.join(', ')} (from --regions), ${describeProfile(p.settings)}${p.settings.endpointUrl ? `, endpoint ${p.settings.endpointUrl}` : ''}`,
            );
          }
          out(ctx.formatPreview(p.plan, ctx.where, `${ctx.file} in ${p.settings.region}`));
        }
      },
      confirm: (planned) => {
        const accounts = [...new Set(planned.map((p) => p.account.account))].join(', ');
        const each = planned.map((p) => `${p.settings.region} (${countsText(p.plan.counts)})`);
        return confirmed(
          ctx,
          `Deploy ${plural(ctx.values.length, 'configuration')} to account ${accounts} in ${plural(planned.length, 'region')}: ${each.join(', ')}? [y/N] `,
        );
      },
      sending: async (send) => {
        const stop = onCtrlC(
          () =>
            err(
              'Cancelling: the batches in flight finish so their outcome is known; later batches are not sent. Press Ctrl-C again to quit at once (the outcome of the batches in flight is then unknown).',
            ),
          () =>
            err(
              'Quit; the outcome of the batches in flight is unknown. Preview again to see the deployed state.',
            ),
        );
        try {
          return await send(stop.signal, (region: string, p: DeployProgress) => {
            if (p.phase === 'sending') {
              const size = Math.min(p.total - p.done, aws.MAX_BATCH_SIZE);
              err(
                `[${region}] Batch ${p.batch}/${p.batchCount}: sending ${plural(size, 'configuration')}…`,
              );
            } else {
              err(
                `[${region}] Batch ${p.batch}/${p.batchCount}: done (${p.done} of ${p.total} sent).`,
              );
            }
          });
        } finally {
          stop.dispose();
        }
      },
    },
    { previewOnly: ctx.dryRun, concurrency },
  );
  switch (outcome.step) {
    case 'failed': {
      const error = asUserError(aws, outcome.error);
      if (error instanceof UserError) {
        throw new UserError(`${outcome.region}: ${error.message} Nothing was sent to any region.`);
      }
      throw error;
    }
    case 'previewed':
      out('Dry run: nothing was sent.');
      return EXIT.ok;
    case 'not-confirmed':
      return notConfirmed(ctx, outcome.answer);
    case 'reported':
      for (const r of outcome.reports) {
        out(ctx.formatReport(r.report, ctx.where, r.planned.account.account, r.region));
        if (r.report.error) err(`config-remediation: ${r.region}: ${r.report.error.message}`);
      }
      out(regionsSummary(outcome.reports));
      return outcome.result === 'deployed'
        ? EXIT.ok
        : outcome.result === 'cancelled'
          ? EXIT_CANCELLED
          : EXIT.problems;
  }
}

// ---------------------------------------------------------------------------------------------
// --stack-set

/** The StackSet flags as given. */
export interface StackSetFlags {
  name: string;
  ous?: string;
  accounts?: string;
  regions?: string;
  selfManaged: boolean;
  noAutoDeployment: boolean;
  callAs?: string;
  maxConcurrent?: string;
  failureTolerance?: string;
  regionConcurrency?: string;
  adminRoleArn?: string;
  executionRoleName?: string;
  pollSeconds?: string;
}

const OU_PATTERN = /^(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})$/;
const ACCOUNT_PATTERN = /^\d{12}$/;
const STACK_SET_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;

/** `3` or `25%`. */
export function parseCountOrPercent(flag: string, text: string, min: number): CountOrPercent {
  const m = /^(\d+)(%?)$/.exec(text.trim());
  if (!m)
    throw new UserError(`${flag} must be a number or a percentage (e.g. 2 or 25%), not "${text}".`);
  const n = Number(m[1]);
  if (m[2]) {
    if (n < min || n > 100)
      throw new UserError(`${flag} must be between ${min}% and 100%, not ${n}%.`);
    return { percent: n };
  }
  if (n < min) throw new UserError(`${flag} must be at least ${min}, not ${n}.`);
  return { count: n };
}

/** The StackSet flags checked and resolved (throws UserError, exit 2, before any AWS call). */
export function parseStackSetFlags(flags: StackSetFlags): {
  name: string;
  targets: StackSetTargets;
  permissionModel: PermissionModel;
  preferences: RolloutPreferences;
  callAs: CallAs;
  autoDeployment: boolean;
  pollIntervalMs: number;
} {
  if (!STACK_SET_NAME.test(flags.name)) {
    throw new UserError(
      `--stack-set "${flags.name}" is not a StackSet name: a letter, then letters, digits and hyphens (at most 128).`,
    );
  }
  if ((flags.ous === undefined) === (flags.accounts === undefined)) {
    throw new UserError(
      '--stack-set needs exactly one of --ou ou-…,… and --accounts 111111111111,….',
    );
  }
  if (!flags.regions)
    throw new UserError('--stack-set needs --regions (the regions of the stack instances).');
  const regions = parseRegionList(flags.regions);
  const ous = flags.ous !== undefined ? parseRegionList(flags.ous) : undefined;
  const accounts = flags.accounts !== undefined ? parseRegionList(flags.accounts) : undefined;
  for (const ou of ous ?? []) {
    if (!OU_PATTERN.test(ou))
      throw new UserError(`--ou: "${ou}" is not an OU id (ou-xxxx-xxxxxxxx) or root id (r-xxxx).`);
  }
  for (const account of accounts ?? []) {
    if (!ACCOUNT_PATTERN.test(account))
      throw new UserError(`--accounts: "${account}" is not a 12-digit account id.`);
  }
  if ((ous ?? accounts ?? []).length === 0 || regions.length === 0) {
    throw new UserError('--stack-set needs at least one target and one region.');
  }
  if (flags.selfManaged && ous) {
    throw new UserError('--self-managed StackSets deploy to accounts: use --accounts, not --ou.');
  }
  if (!flags.selfManaged && accounts) {
    throw new UserError(
      'A service-managed StackSet (the default) deploys to organisational units: use --ou, or add --self-managed to deploy to --accounts with your own IAM roles.',
    );
  }
  const callAs = (flags.callAs ?? 'self').toLowerCase();
  if (callAs !== 'self' && callAs !== 'delegated-admin') {
    throw new UserError(`--call-as must be "self" or "delegated-admin", not "${flags.callAs}".`);
  }
  const concurrency = (flags.regionConcurrency ?? 'sequential').toLowerCase();
  if (concurrency !== 'sequential' && concurrency !== 'parallel') {
    throw new UserError(
      `--region-concurrency must be "sequential" or "parallel", not "${flags.regionConcurrency}".`,
    );
  }
  const poll = flags.pollSeconds === undefined ? 5 : Number(flags.pollSeconds);
  if (!Number.isFinite(poll) || poll < 0 || poll > 300) {
    throw new UserError(
      `--poll-interval must be a number of seconds from 0 to 300, not "${flags.pollSeconds}".`,
    );
  }
  return {
    name: flags.name,
    targets: { organizationalUnitIds: ous, accounts, regions },
    permissionModel: flags.selfManaged ? 'SELF_MANAGED' : 'SERVICE_MANAGED',
    preferences: {
      maxConcurrent: parseCountOrPercent('--max-concurrent', flags.maxConcurrent ?? '1', 1),
      failureTolerance: parseCountOrPercent(
        '--failure-tolerance',
        flags.failureTolerance ?? '0',
        0,
      ),
      regionConcurrency: concurrency === 'parallel' ? 'PARALLEL' : 'SEQUENTIAL',
    },
    callAs: callAs === 'delegated-admin' ? 'DELEGATED_ADMIN' : 'SELF',
    autoDeployment: !flags.noAutoDeployment,
    pollIntervalMs: poll * 1000,
  };
}

/** The exported template, or an exit code after printing why it cannot be exported. */
function exportTemplate(
  ctx: RolloutContext,
  target: 'cloudformation' | 'conformance-pack',
): string | number {
  try {
    const result = exportConfigurations(ctx.values as unknown as Record<string, unknown>[], {
      target,
      format: target === 'cloudformation' ? 'json' : 'yaml',
      source: ctx.file.split(/[\\/]/).pop(),
    });
    for (const warning of result.warnings) ctx.err(`config-remediation: ${warning}`);
    return result.text;
  } catch (error) {
    if (!(error instanceof ExportError)) throw error;
    ctx.err(`config-remediation: ${error.message}`);
    return EXIT.problems;
  }
}

export async function deployStackSet(ctx: RolloutContext, flags: StackSetFlags): Promise<number> {
  const options = parseStackSetFlags(flags);
  const template = exportTemplate(ctx, 'cloudformation');
  if (typeof template === 'number') return template;
  const { aws, out, err } = ctx;
  let aws_: AwsContext;
  try {
    aws_ = await ctx.openContext();
  } catch (error) {
    throw asUserError(aws, error);
  }
  const home = aws_.settings.region;
  const started: { id: string; action: string }[] = [];
  const lookUp = (id: string): string =>
    aws.describeOperationCommand(options.name, id, home, options.callAs);
  try {
    let plan: StackSetPlan;
    try {
      const account = await aws.getAccount(aws_);
      out(
        `Account ${account.account}${account.arn ? ` (${account.arn})` : ''}, StackSet region ${home}, ${describeProfile(aws_.settings)}${aws_.settings.endpointUrl ? `, endpoint ${aws_.settings.endpointUrl}` : ''}`,
      );
      const deployed = await aws.describeStackSet(aws_, options.name, { callAs: options.callAs });
      if (deployed && deployed.permissionModel !== options.permissionModel) {
        throw new UserError(
          `StackSet ${options.name} is ${deployed.permissionModel}; ${options.permissionModel === 'SELF_MANAGED' ? 'drop --self-managed and use --ou' : 'add --self-managed and use --accounts'} to roll out to it.`,
        );
      }
      plan = aws.planStackSet(
        options.name,
        deployed,
        template,
        options.targets,
        options.permissionModel,
      );
    } catch (error) {
      throw asUserError(aws, error);
    }
    out(formatStackSetPreview(plan, home));
    if (ctx.dryRun) {
      out('Dry run: nothing was sent.');
      return EXIT.ok;
    }
    if (plan.template === 'unchanged' && plan.add.length === 0) return EXIT.ok;
    const answer = await confirmed(
      ctx,
      `Roll out StackSet ${options.name} (template ${MARK[plan.template]}, ${plural(plan.add.length, 'instance')} to add) to ${(options.targets.organizationalUnitIds ?? options.targets.accounts ?? []).join(', ')} in ${options.targets.regions.join(', ')}? [y/N] `,
    );
    if (answer !== 'yes') return notConfirmed(ctx, answer);
    const stop = onCtrlC(
      () =>
        err(
          `Stopped following${started.length ? ` operation ${started[started.length - 1].id}` : ''}; it goes on in AWS and no further operation is started. Press Ctrl-C again to quit at once.`,
        ),
      () => {
        const last = started[started.length - 1];
        err(
          last
            ? `Quit. Operation ${last.id} goes on in AWS; look it up with: ${lookUp(last.id)}`
            : 'Quit before an operation started.',
        );
      },
    );
    const seen = new Map<string, string>();
    let created = false;
    let report: RolloutReport;
    try {
      report = await aws.rollOutStackSet(aws_, plan, template, {
        preferences: options.preferences,
        callAs: options.callAs,
        autoDeployment: options.autoDeployment,
        administrationRoleArn: flags.adminRoleArn,
        executionRoleName: flags.executionRoleName,
        description: `AWS Config remediation configurations from ${ctx.file.split(/[\\/]/).pop()} (config-remediation)`,
        pollIntervalMs: options.pollIntervalMs,
        signal: stop.signal,
        onCreated: () => {
          created = true;
        },
        onOperation: (id, action) => {
          started.push({ id, action });
          err(
            `Operation ${id} (${action === 'CREATE' ? 'add instances' : 'update template'}) started; look it up with: ${lookUp(id)}`,
          );
        },
        onProgress: (p) => {
          for (const r of p.results) {
            const key = `${p.operationId} ${r.account} ${r.region}`;
            if (seen.get(key) === r.status) continue;
            seen.set(key, r.status);
            err(`  ${resultLine(r)}`);
          }
        },
      });
    } catch (error) {
      const last = started[started.length - 1];
      if (!last && !created) throw asUserError(aws, error);
      if (!last) {
        const message = error instanceof aws.AwsOperationError ? error.message : String(error);
        err(`config-remediation: ${aws.redact(message)}`);
        err(
          `StackSet ${options.name} was created, without stack instances; deploy again to add them.`,
        );
        return EXIT.problems;
      }
      const message = error instanceof aws.AwsOperationError ? error.message : String(error);
      err(`config-remediation: ${aws.redact(message)}`);
      err(`Operation ${last.id} was started; look it up with: ${lookUp(last.id)}`);
      return EXIT.problems;
    } finally {
      stop.dispose();
    }
    out(formatRolloutReport(report));
    if (report.stoppedFollowing) {
      const last =
        report.operations.find((o) => !o.finished) ??
        report.operations[report.operations.length - 1];
      if (last)
        err(
          `Operation ${last.operationId} goes on in AWS; look it up with: ${lookUp(last.operationId)}`,
        );
      return EXIT_CANCELLED;
    }
    return report.ok ? EXIT.ok : EXIT.problems;
  } finally {
    aws_.close();
  }
}

// ---------------------------------------------------------------------------------------------
// --organization-conformance-pack

const PACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;

export async function deployOrganizationPack(
  ctx: RolloutContext,
  name: string,
  excluded: string | undefined,
  pollSeconds: string | undefined,
): Promise<number> {
  if (!PACK_NAME.test(name)) {
    throw new UserError(
      `--organization-conformance-pack "${name}" is not a pack name: a letter, then letters, digits and hyphens (at most 128).`,
    );
  }
  const excludedAccounts = excluded !== undefined ? parseRegionList(excluded) : undefined;
  for (const a of excludedAccounts ?? []) {
    if (!ACCOUNT_PATTERN.test(a))
      throw new UserError(`--exclude-accounts: "${a}" is not a 12-digit account id.`);
  }
  const poll = pollSeconds === undefined ? 5 : Number(pollSeconds);
  if (!Number.isFinite(poll) || poll < 0 || poll > 300) {
    throw new UserError(
      `--poll-interval must be a number of seconds from 0 to 300, not "${pollSeconds}".`,
    );
  }
  const template = exportTemplate(ctx, 'conformance-pack');
  if (typeof template === 'number') return template;
  if (Buffer.byteLength(template, 'utf8') > MAX_CONFORMANCE_PACK_BODY) {
    throw new UserError(
      `The conformance pack template is larger than the ${MAX_CONFORMANCE_PACK_BODY} bytes PutOrganizationConformancePack takes inline; nothing was sent. Split the file.`,
    );
  }
  const { aws, out, err } = ctx;
  let aws_: AwsContext;
  try {
    aws_ = await ctx.openContext();
  } catch (error) {
    throw asUserError(aws, error);
  }
  try {
    try {
      const account = await aws.getAccount(aws_);
      out(
        `Account ${account.account}${account.arn ? ` (${account.arn})` : ''} (it must be the management account or AWS Config's delegated administrator), region ${aws_.settings.region}, ${describeProfile(aws_.settings)}`,
      );
      const deployed = await aws.describeOrganizationConformancePack(aws_, name);
      out(
        `Preview of organization conformance pack ${name}: ${deployed ? 'update (every member account gets the new template)' : 'new'}; ${ctx.values.length} remediation configuration(s); excluded accounts: ${(excludedAccounts ?? deployed?.excludedAccounts ?? []).join(', ') || 'none'}. AWS deploys it to the organisation's member accounts.`,
      );
    } catch (error) {
      throw asUserError(aws, error);
    }
    if (ctx.dryRun) {
      out('Dry run: nothing was sent.');
      return EXIT.ok;
    }
    const answer = await confirmed(
      ctx,
      `Deploy organization conformance pack ${name} in ${aws_.settings.region}? [y/N] `,
    );
    if (answer !== 'yes') return notConfirmed(ctx, answer);
    const lookUp = `aws configservice describe-organization-conformance-pack-statuses --organization-conformance-pack-names ${name} --region ${aws_.settings.region}`;
    const stop = onCtrlC(
      () => err(`Stopped following; the deployment goes on in AWS. Look it up with: ${lookUp}`),
      () => err(`Quit. Look the deployment up with: ${lookUp}`),
    );
    try {
      try {
        await aws.putOrganizationConformancePack(aws_, name, template, excludedAccounts);
      } catch (error) {
        throw asUserError(aws, error);
      }
      let report;
      try {
        report = await aws.followOrganizationConformancePack(aws_, name, {
          pollIntervalMs: poll * 1000,
          signal: stop.signal,
          onProgress: (status, members) =>
            err(`  ${status}: ${plural(members.length, 'account')} reported`),
        });
      } catch (error) {
        const message = error instanceof aws.AwsOperationError ? error.message : String(error);
        err(`config-remediation: ${aws.redact(message)}`);
        err(`The pack was put; its deployment goes on in AWS. Look it up with: ${lookUp}`);
        return EXIT.problems;
      }
      out(
        formatPackReport(
          name,
          report.status,
          report.members,
          report.finished,
          [report.errorCode, report.errorMessage].filter(Boolean).join(' ') || undefined,
        ),
      );
      if (!report.finished) return EXIT_CANCELLED;
      return report.ok ? EXIT.ok : EXIT.problems;
    } finally {
      stop.dispose();
    }
  } finally {
    aws_.close();
  }
}
