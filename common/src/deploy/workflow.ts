/**
 * The deploy workflow, once for the VS Code client and the CLI: open the AWS context → plan (the
 * account, then the deployed state, compared per ConfigRuleName) → preview → confirm → send in
 * batches → report. The front ends supply only what differs between an editor and a terminal:
 * prompts, progress and output, through {@link DeployFrontEnd}.
 *
 * The AWS boundary is passed in ({@link DeployAws}), not imported: the client loads it from
 * dist/aws.js on first use and the CLI imports it on demand, so that neither loads the SDK before
 * an AWS command runs. Only its types are imported here.
 */

import type * as AwsModuleNs from '../aws';
import type {
  AwsAccount,
  AwsContext,
  DeployProgress,
  DeployReport,
  DeploymentPlan,
  PlanStatus,
  RemediationConfiguration,
  ResolvedAwsSettings,
} from '../aws';

/** The part of the AWS boundary a deploy uses. */
export type DeployAws = Pick<
  typeof AwsModuleNs,
  'getAccount' | 'describeDeployed' | 'planDeployment' | 'deploy'
>;

/** What to deploy: the configurations as the API takes them, with their index in the file. */
export interface DeployInput {
  values: readonly RemediationConfiguration[];
  /** File index of each configuration (default: its position in `values`). */
  indices?: readonly number[];
}

/** The plan and what it was made against. */
export interface PlannedDeploy {
  account: AwsAccount;
  settings: ResolvedAwsSettings;
  plan: DeploymentPlan;
  /** The open context (its logger redacts); closed by the workflow when it ends. */
  ctx: AwsContext;
}

/** How a confirmation was answered: `cancelled` is an interrupt (Ctrl-C), `no` a refusal. */
export type Confirmation = 'yes' | 'no' | 'cancelled';

/** What the workflow needs from a front end (the VS Code client, the CLI). */
export interface DeployFrontEnd<R> {
  /** Creates the AWS context from the front end's settings and logger. */
  openContext(): Promise<AwsContext>;
  /**
   * Runs the read steps (context, account, deployed state) under the front end's progress; the
   * signal cancels them. Default: run as is.
   */
  reading?<T>(work: (signal?: AbortSignal) => Promise<T>): PromiseLike<T>;
  /** The account is known (before the deployed state is read). */
  onAccount?(account: AwsAccount, settings: ResolvedAwsSettings): void;
  /** Shows what the deploy would do. */
  preview(planned: PlannedDeploy): void | Promise<void>;
  confirm(planned: PlannedDeploy): Promise<Confirmation>;
  /** Why nothing may be sent now (e.g. the file changed since it was checked), if so. */
  refuseToSend?(planned: PlannedDeploy): string | undefined;
  /**
   * Runs the batches under the front end's progress and cancellation: `send` takes the signal
   * (honoured between batches) and the progress callback.
   */
  sending(
    planned: PlannedDeploy,
    send: (
      signal: AbortSignal | undefined,
      onProgress: (p: DeployProgress) => void,
    ) => Promise<DeployReport>,
  ): PromiseLike<DeployReport>;
  /** Tells the outcome of the batches. */
  report(report: DeployReport, planned: PlannedDeploy): R;
}

/** How the workflow ended. Nothing was sent unless `step` is `reported`. */
export type DeployWorkflowOutcome<R> =
  /** Opening the context or reading the account or the deployed state failed. */
  | { step: 'failed'; error: unknown }
  /** Cancelled while reading (before anything was planned). */
  | { step: 'cancelled'; planned?: undefined }
  /** `previewOnly`: stopped after the preview. */
  | { step: 'previewed'; planned: PlannedDeploy }
  | { step: 'not-confirmed'; planned: PlannedDeploy; answer: 'no' | 'cancelled' }
  | { step: 'refused'; planned: PlannedDeploy; message: string }
  | { step: 'reported'; planned: PlannedDeploy; report: DeployReport; result: R };

export interface DeployWorkflowOptions {
  /** Stop after the preview (the CLI's --dry-run, the client's Preview command). */
  previewOnly?: boolean;
}

/** Plan, preview, confirm, send in batches, report. Never throws for AWS failures. */
export async function runDeployWorkflow<R>(
  aws: DeployAws,
  input: DeployInput,
  ui: DeployFrontEnd<R>,
  options: DeployWorkflowOptions = {},
): Promise<DeployWorkflowOutcome<R>> {
  const opened: { ctx?: AwsContext } = {};
  try {
    let planned: PlannedDeploy | undefined;
    try {
      const read = async (signal?: AbortSignal): Promise<PlannedDeploy | undefined> => {
        const ctx = await ui.openContext();
        opened.ctx = ctx;
        if (signal?.aborted) return undefined;
        return planDeploy(aws, ctx, input, { signal, onAccount: ui.onAccount });
      };
      planned = await (ui.reading ? ui.reading(read) : read());
    } catch (error) {
      return { step: 'failed', error };
    }
    if (!planned) return { step: 'cancelled' };
    await ui.preview(planned);
    if (options.previewOnly) return { step: 'previewed', planned };
    const answer = await ui.confirm(planned);
    if (answer !== 'yes') return { step: 'not-confirmed', planned, answer };
    const refusal = ui.refuseToSend?.(planned);
    if (refusal !== undefined) return { step: 'refused', planned, message: refusal };
    const { ctx } = planned;
    const report = await ui.sending(planned, (signal, onProgress) =>
      aws.deploy(ctx, input.values, { indices: input.indices, signal, onProgress }),
    );
    return { step: 'reported', planned, report, result: ui.report(report, planned) };
  } finally {
    opened.ctx?.close();
  }
}

/** The account, then the deployed state of the configurations' rules, then the plan. */
export async function planDeploy(
  aws: DeployAws,
  ctx: AwsContext,
  input: DeployInput,
  options: {
    signal?: AbortSignal;
    onAccount?: (account: AwsAccount, settings: ResolvedAwsSettings) => void;
  } = {},
): Promise<PlannedDeploy> {
  const account = await aws.getAccount(ctx, options.signal);
  options.onAccount?.(account, ctx.settings);
  const deployed = await aws.describeDeployed(
    ctx,
    input.values.map((v) => v.ConfigRuleName ?? ''),
    options.signal,
  );
  const plan = aws.planDeployment(input.values, deployed, { indices: input.indices });
  return { account, settings: ctx.settings, plan, ctx };
}

/**
 * What a deploy report amounts to: everything deployed, cancelled (between batches, nothing
 * failed), or failed (a configuration was rejected or an exception stopped the deploy).
 */
export function deployVerdict(report: DeployReport): 'deployed' | 'cancelled' | 'failed' {
  if (report.ok) return 'deployed';
  return report.cancelled && !report.error && report.counts.failed === 0 ? 'cancelled' : 'failed';
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `2 new, 1 changed, 0 unchanged`. */
export function countsText(counts: Record<PlanStatus, number>): string {
  return `${counts.new} new, ${counts.changed} changed, ${counts.unchanged} unchanged`;
}

/** The lines of a plan item's unified diff worth showing (without the `Index:` header). */
export function diffLines(diff: string): string[] {
  return diff
    .trimEnd()
    .split('\n')
    .filter((line) => !line.startsWith('Index:') && !/^=+$/.test(line));
}
