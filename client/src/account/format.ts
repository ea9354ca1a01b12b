/**
 * Texts of the account status item, and which TargetIds the facts do not know yet. No vscode
 * import: unit-tested.
 */
import type { AccountFacts } from '../../../common/src/accountFacts';

/** "just now", "3 min ago", "2 h ago", "3 days ago". */
export function freshnessText(fetchedAt: string, now: number = Date.now()): string {
  const then = Date.parse(fetchedAt);
  if (Number.isNaN(then)) return 'at an unknown time';
  const minutes = Math.floor(Math.max(0, now - then) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/** `1111…3333`: enough to tell accounts apart in the status bar; the detail has the full id. */
export function shortAccount(accountId: string): string {
  return accountId.length > 8 ? `${accountId.slice(0, 4)}…${accountId.slice(-4)}` : accountId;
}

/** The status item's text: "Account 1111…3333, eu-west-1, 3 min ago". */
export function factsStatusText(facts: AccountFacts, now?: number): string {
  return `Account ${shortAccount(facts.accountId)}, ${facts.region}, ${freshnessText(facts.fetchedAt, now)}`;
}

/** The status item's detail: what the facts hold. */
export function factsStatusDetail(facts: AccountFacts): string {
  const rules = facts.configRules.length;
  const runbooks = facts.documents.filter(
    (d) => d.documentType === 'Automation' && d.requestedAs === undefined && d.owner !== 'Amazon',
  ).length;
  return `Account ${facts.accountId} · ${rules} Config rule${rules === 1 ? '' : 's'} · ${runbooks} runbook${runbooks === 1 ? '' : 's'}`;
}

/** TargetIds the facts say nothing about yet (neither found nor missing). */
export function unknownTargetIds(facts: AccountFacts, targetIds: readonly string[]): string[] {
  const known = new Set<string>(facts.missingDocuments ?? []);
  for (const d of facts.documents) {
    if (d.parameters !== undefined || d.documentType !== 'Automation') {
      known.add(d.requestedAs ?? d.name);
    }
  }
  return targetIds.filter((t) => !known.has(t));
}
