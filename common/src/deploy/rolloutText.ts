/**
 * The texts of the organisation roll-outs, shared by the CLI and VS Code: the StackSet preview
 * and report (one line per account and region), the regions summary and the organization
 * conformance pack report. Pure; the AWS boundary only by its types.
 */

import type { InstanceResult, MemberPackStatus, RolloutReport, StackSetPlan } from '../aws';
import type { RegionReport } from './regions';
import { plural } from './workflow';

/** `Regions: 1 deployed (eu-west-1), 1 failed (us-east-1), 0 cancelled.` */
export function regionsSummary(reports: readonly RegionReport[]): string {
  const of = (verdict: RegionReport['verdict']): string => {
    const regions = reports.filter((r) => r.verdict === verdict).map((r) => r.region);
    return `${regions.length} ${verdict}${regions.length > 0 ? ` (${regions.join(', ')})` : ''}`;
  };
  return `Regions: ${of('deployed')}, ${of('failed')}, ${of('cancelled')}.`;
}

export const MARK: Record<string, string> = {
  new: 'new (created)',
  changed: 'changed',
  unchanged: 'unchanged',
};

/** The StackSet preview: the template (with its diff), then the instances. */
export function formatStackSetPreview(plan: StackSetPlan, homeRegion: string): string {
  const targets = plan.targets.organizationalUnitIds ?? plan.targets.accounts ?? [];
  const lines = [
    `Preview of StackSet ${plan.name} (${plan.permissionModel}, administered from ${homeRegion}): template ${MARK[plan.template]}; ${plural(plan.add.length, 'instance')} to add, ${plan.existing.length} already there${plan.template === 'changed' ? ' (updated with the template)' : ''}, ${plan.others.length} elsewhere (kept as they are).`,
    `  Targets: ${targets.join(', ')}; regions: ${plan.targets.regions.join(', ')}`,
  ];
  if (plan.diff) {
    for (const line of plan.diff.trimEnd().split('\n')) {
      if (line.startsWith('Index:') || /^=+$/.test(line)) continue;
      lines.push(`      ${line}`);
    }
  }
  for (const a of plan.add) lines.push(`  + ${a.target} in ${a.region}`);
  for (const i of plan.existing) {
    lines.push(
      `  = ${i.account}${i.organizationalUnitId ? ` (${i.organizationalUnitId})` : ''} in ${i.region}: ${i.status}`,
    );
  }
  for (const i of plan.attention) {
    const drift = i.driftStatus === 'DRIFTED' ? 'its stack drifted from the StackSet' : '';
    const status =
      i.status !== 'CURRENT' ? `${i.status}${i.statusReason ? ` (${i.statusReason})` : ''}` : '';
    lines.push(`  ! ${i.account} in ${i.region}: ${[status, drift].filter(Boolean).join('; ')}`);
  }
  if (plan.template === 'unchanged' && plan.add.length === 0) {
    lines.push('  Nothing to do: the StackSet has this template and every instance.');
  }
  return lines.join('\n');
}

const RESULT_TEXT: Record<string, string> = {
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
  RUNNING: 'running',
  PENDING: 'pending',
};

export function resultLine(r: InstanceResult): string {
  const reason = r.reason && r.status !== 'SUCCEEDED' ? `: ${r.reason}` : '';
  return `${r.account || r.organizationalUnitId || '?'} ${r.region}  ${RESULT_TEXT[r.status] ?? r.status.toLowerCase()}${reason}`;
}

/** The report: per operation its status, then one line per account and region. */
export function formatRolloutReport(report: RolloutReport): string {
  const lines: string[] = [];
  if (report.created) lines.push(`StackSet ${report.name}: created.`);
  if (report.operations.length === 0)
    lines.push(`StackSet ${report.name}: no operation was needed.`);
  const counts = { succeeded: 0, failed: 0, cancelled: 0, other: 0 };
  for (const op of report.operations) {
    lines.push(
      `StackSet ${report.name}: operation ${op.operationId} (${op.action === 'CREATE' ? 'add instances' : 'update template'}) ${op.finished ? op.status : `${op.status}, still running (not followed to its end)`}${op.statusReason ? `: ${op.statusReason}` : ''}`,
    );
    for (const r of op.results) {
      lines.push(`  ${resultLine(r)}`);
      if (r.status === 'SUCCEEDED') counts.succeeded++;
      else if (r.status === 'FAILED') counts.failed++;
      else if (r.status === 'CANCELLED') counts.cancelled++;
      else counts.other++;
    }
  }
  const total = counts.succeeded + counts.failed + counts.cancelled + counts.other;
  if (total > 0) {
    lines.push(
      `Roll-out: ${counts.succeeded} succeeded, ${counts.failed} failed, ${counts.cancelled} cancelled${counts.other > 0 ? `, ${counts.other} not finished` : ''} of ${plural(total, 'instance')}.`,
    );
  }
  return lines.join('\n');
}

export function formatPackReport(
  name: string,
  status: string,
  members: readonly MemberPackStatus[],
  finished: boolean,
  error?: string,
): string {
  const lines = [
    `Organization conformance pack ${name}: ${status}${finished ? '' : ' (still in progress; not followed to its end)'}${error ? `: ${error}` : ''}`,
  ];
  let ok = 0;
  for (const m of members) {
    if (/_SUCCESSFUL$/.test(m.status)) ok++;
    const why =
      m.errorCode || m.errorMessage
        ? `: ${[m.errorCode, m.errorMessage].filter(Boolean).join(' ')}`
        : '';
    lines.push(`  ${m.account}  ${m.status}${why}`);
  }
  if (members.length > 0)
    lines.push(`Accounts: ${ok} successful, ${members.length - ok} not, of ${members.length}.`);
  return lines.join('\n');
}
