/**
 * The pure parts of the VS Code organisation roll-out commands: what is remembered per workspace
 * (in the machine-scoped setting `awsConfigRemediation.rollout.remembered`, keyed by workspace
 * folder, so a repository can never choose where its files go), and reading the targets typed
 * by the user. No `vscode` import: unit-tested.
 */

/** What is remembered for one workspace. */
export interface RememberedRollout {
  /** The regions last picked for "Deploy to Several Regions". */
  regions?: string[];
  /** The last StackSet roll-out. */
  stackSet?: { name: string; targets: string[]; regions: string[] };
  /** The last organization conformance pack. */
  organizationPack?: { name: string; excludedAccounts: string[] };
}

const ID = /^[A-Za-z0-9-]+$/;

function strings(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out = value.filter((v): v is string => typeof v === 'string' && ID.test(v));
  return out.length > 0 ? out : undefined;
}

/** The remembered values of `key` in the setting's value (anything malformed is dropped). */
export function rememberedFor(all: unknown, key: string): RememberedRollout {
  if (all === null || typeof all !== 'object' || Array.isArray(all)) return {};
  const entry = (all as Record<string, unknown>)[key];
  if (entry === null || typeof entry !== 'object') return {};
  const e = entry as Record<string, unknown>;
  const out: RememberedRollout = {};
  const regions = strings(e.regions);
  if (regions) out.regions = regions;
  const set = e.stackSet as Record<string, unknown> | undefined;
  if (set && typeof set === 'object' && typeof set.name === 'string' && ID.test(set.name)) {
    const targets = strings(set.targets);
    const setRegions = strings(set.regions);
    if (targets && setRegions) out.stackSet = { name: set.name, targets, regions: setRegions };
  }
  const pack = e.organizationPack as Record<string, unknown> | undefined;
  if (pack && typeof pack === 'object' && typeof pack.name === 'string' && ID.test(pack.name)) {
    out.organizationPack = {
      name: pack.name,
      excludedAccounts: strings(pack.excludedAccounts) ?? [],
    };
  }
  return out;
}

/** The setting's new value with `key` updated (other workspaces kept). */
export function withRemembered(
  all: unknown,
  key: string,
  update: RememberedRollout,
): Record<string, RememberedRollout> {
  const base =
    all !== null && typeof all === 'object' && !Array.isArray(all)
      ? { ...(all as Record<string, RememberedRollout>) }
      : {};
  base[key] = { ...rememberedFor(all, key), ...update };
  return base;
}

/** Splits a comma- or space-separated list, deduplicated. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((t) => t.length > 0))];
}

/**
 * The StackSet targets typed by the user: all OU/root ids (service-managed) or all 12-digit
 * account ids (self-managed); a mix or anything else is a message.
 */
export function parseTargets(
  text: string,
): { ous: string[]; accounts?: undefined } | { accounts: string[]; ous?: undefined } | string {
  const items = splitList(text);
  if (items.length === 0) return 'Enter at least one OU id (ou-…), root id (r-…) or account id.';
  const ou = /^(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})$/;
  const account = /^\d{12}$/;
  if (items.every((i) => ou.test(i))) return { ous: items };
  if (items.every((i) => account.test(i))) return { accounts: items };
  const bad = items.find((i) => !ou.test(i) && !account.test(i));
  return bad
    ? `"${bad}" is neither an OU id (ou-xxxx-xxxxxxxx), a root id (r-xxxx) nor a 12-digit account id.`
    : 'Use either OUs (service-managed StackSet) or accounts (self-managed), not both.';
}

/** Regions offered in the pick (the remembered and the default region come first). */
export const COMMON_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'eu-south-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'sa-east-1',
  'me-south-1',
  'af-south-1',
];

/** The regions to offer, first the picked ones (in their order), then the rest. */
export function regionChoices(picked: readonly string[]): string[] {
  return [...new Set([...picked, ...COMMON_REGIONS])];
}
