/**
 * The cache of account facts: in memory and in the extension's global state (so a new window
 * starts with the facts of the last look-up), keyed by account and Region (and the endpoint
 * override, so a test endpoint never mixes with the real one), with a time to live. The settings
 * (profile, region, endpoint) also remember which account they resolved to, so that a fresh
 * entry is used without any AWS call. No vscode import: unit-tested with a fake memento.
 */
import type { AccountFacts } from '../../../common/src/accountFacts';

/** What the cache needs of `vscode.Memento` (globalState). */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/** How long facts count as fresh. */
export const DEFAULT_TTL_MS = 15 * 60 * 1000;
/** Stored entries older than this are dropped when another is written. */
const KEEP_MS = 7 * 24 * 60 * 60 * 1000;
const PREFIX = 'awsConfigRemediation.account.';
const INDEX = `${PREFIX}index`;

interface StoredEntry {
  facts: AccountFacts;
  /** When the entry was written (ms since epoch). */
  storedAt: number;
}

/** `111122223333/eu-west-1`, plus `@endpoint` for an endpoint override. */
export function accountKey(accountId: string, region: string, endpointUrl?: string): string {
  return `${accountId}/${region}${endpointUrl ? `@${endpointUrl}` : ''}`;
}

/** The settings a look-up ran with, as one string (which account they resolve to is cached). */
export function settingsKey(settings: {
  profile?: string;
  region?: string;
  endpointUrl?: string;
}): string {
  return JSON.stringify([
    settings.profile ?? '',
    settings.region ?? '',
    settings.endpointUrl ?? '',
  ]);
}

export class AccountCache {
  private readonly memory = new Map<string, StoredEntry>();

  constructor(
    private readonly state: MementoLike,
    private readonly ttlMs: number = DEFAULT_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  private read(key: string): StoredEntry | undefined {
    const inMemory = this.memory.get(key);
    if (inMemory) return inMemory;
    const stored = this.state.get<StoredEntry>(`${PREFIX}facts.${key}`);
    if (!stored || typeof stored.storedAt !== 'number' || !stored.facts) return undefined;
    this.memory.set(key, stored);
    return stored;
  }

  /** The facts for an account key, and whether they are still fresh. */
  get(key: string): { facts: AccountFacts; fresh: boolean } | undefined {
    const entry = this.read(key);
    if (!entry) return undefined;
    return { facts: entry.facts, fresh: this.now() - entry.storedAt < this.ttlMs };
  }

  /** The facts the settings resolved to last time, if any. */
  getBySettings(
    settings: string,
  ): { key: string; facts: AccountFacts; fresh: boolean } | undefined {
    const key = this.state.get<string>(`${PREFIX}settings.${settings}`);
    if (!key) return undefined;
    const entry = this.get(key);
    return entry ? { key, ...entry } : undefined;
  }

  /** Stores facts; `fresh` restarts the time to live (false: facts extended, same age). */
  async set(key: string, facts: AccountFacts, settings?: string, fresh = true): Promise<void> {
    const previous = this.read(key);
    const entry: StoredEntry = {
      facts,
      storedAt: fresh || !previous ? this.now() : previous.storedAt,
    };
    this.memory.set(key, entry);
    await this.state.update(`${PREFIX}facts.${key}`, entry);
    if (settings !== undefined) await this.state.update(`${PREFIX}settings.${settings}`, key);
    await this.prune(key);
  }

  /** Forgets the facts of a key (the refresh command). */
  async delete(key: string): Promise<void> {
    this.memory.delete(key);
    await this.state.update(`${PREFIX}facts.${key}`, undefined);
  }

  private async prune(current: string): Promise<void> {
    const index = new Set(this.state.get<string[]>(INDEX) ?? []);
    index.add(current);
    for (const key of [...index]) {
      if (key === current) continue;
      const entry = this.state.get<StoredEntry>(`${PREFIX}facts.${key}`);
      if (!entry || this.now() - entry.storedAt > KEEP_MS) {
        index.delete(key);
        this.memory.delete(key);
        await this.state.update(`${PREFIX}facts.${key}`, undefined);
      }
    }
    await this.state.update(INDEX, [...index]);
  }
}
