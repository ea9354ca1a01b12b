/**
 * The deploy workflow over several regions of one account: plan every region (concurrently, with
 * a bound) → one preview per region → one confirmation naming every region → deploy the regions
 * concurrently (with the same bound) → one report per region. Each region is the single-region
 * workflow's plan and batches ({@link planDeploy}, `deploy`), so a region behaves exactly as a
 * single-region deploy there would.
 */

import type { AwsContext, DeployProgress, DeployReport } from '../aws';
import type { Confirmation, DeployAws, DeployInput, PlannedDeploy } from './workflow';
import { deployVerdict, planDeploy } from './workflow';

/** Default number of regions read or deployed at the same time. */
export const DEFAULT_REGION_CONCURRENCY = 4;

/** A region's outcome. */
export interface RegionReport {
  region: string;
  planned: PlannedDeploy;
  report: DeployReport;
  verdict: 'deployed' | 'cancelled' | 'failed';
}

/** What the multi-region workflow needs from a front end. */
export interface RegionsFrontEnd {
  /** Creates the AWS context for `region` (the front end's profile, endpoint and logger). */
  openContext(region: string): Promise<AwsContext>;
  /** Shows the previews, one per region, in the order of the regions given. */
  preview(planned: readonly PlannedDeploy[]): void | Promise<void>;
  confirm(planned: readonly PlannedDeploy[]): Promise<Confirmation>;
  /**
   * Runs the deploys under the front end's progress and cancellation: `send` takes the signal
   * (honoured between batches, in every region) and a per-region progress callback.
   */
  sending(
    send: (
      signal: AbortSignal | undefined,
      onProgress: (region: string, p: DeployProgress) => void,
    ) => Promise<RegionReport[]>,
  ): PromiseLike<RegionReport[]>;
}

export type RegionsOutcome =
  /** A region could not be read: nothing was sent anywhere. */
  | { step: 'failed'; region: string; error: unknown }
  | { step: 'previewed'; planned: PlannedDeploy[] }
  | { step: 'not-confirmed'; planned: PlannedDeploy[]; answer: 'no' | 'cancelled' }
  | {
      step: 'reported';
      planned: PlannedDeploy[];
      reports: RegionReport[];
      /** deployed: every region deployed; failed: a region failed; else cancelled. */
      result: 'deployed' | 'cancelled' | 'failed';
    };

/** Runs `work` on every item with at most `limit` at a time; results in the items' order. */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker()),
  );
  return results;
}

/** Deduplicated regions in the order given. */
export function parseRegionList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((r) => r.trim())
        .filter((r) => r.length > 0),
    ),
  ];
}

/** Plan, preview, confirm, deploy and report in every region. Never throws for AWS failures. */
export async function runRegionsDeploy(
  aws: DeployAws,
  input: DeployInput,
  regions: readonly string[],
  ui: RegionsFrontEnd,
  options: { previewOnly?: boolean; concurrency?: number } = {},
): Promise<RegionsOutcome> {
  const limit = options.concurrency ?? DEFAULT_REGION_CONCURRENCY;
  const contexts: AwsContext[] = [];
  try {
    const read = await mapWithLimit(regions, limit, async (region) => {
      try {
        const ctx = await ui.openContext(region);
        contexts.push(ctx);
        return { region, planned: await planDeploy(aws, ctx, input) };
      } catch (error) {
        return { region, error };
      }
    });
    const failure = read.find((r) => 'error' in r);
    if (failure && 'error' in failure) {
      return { step: 'failed', region: failure.region, error: failure.error };
    }
    const planned = read.map((r) => (r as { planned: PlannedDeploy }).planned);
    await ui.preview(planned);
    if (options.previewOnly) return { step: 'previewed', planned };
    const answer = await ui.confirm(planned);
    if (answer !== 'yes') return { step: 'not-confirmed', planned, answer };
    const reports = await ui.sending((signal, onProgress) =>
      mapWithLimit(planned, limit, async (p) => {
        const report = await aws.deploy(p.ctx, input.values, {
          indices: input.indices,
          signal,
          onProgress: (progress) => onProgress(p.settings.region, progress),
        });
        return { region: p.settings.region, planned: p, report, verdict: deployVerdict(report) };
      }),
    );
    const result = reports.some((r) => r.verdict === 'failed')
      ? 'failed'
      : reports.every((r) => r.verdict === 'deployed')
        ? 'deployed'
        : 'cancelled';
    return { step: 'reported', planned, reports, result };
  } finally {
    for (const ctx of contexts) ctx.close();
  }
}
