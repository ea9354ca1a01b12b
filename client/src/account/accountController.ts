/**
 * Account look-ups in VS Code (issue #8): when the setting allows them, the workspace is trusted
 * and a recognised file is open, the account's Config rules and runbooks are looked up through the
 * AWS boundary (dist/aws.js, loaded on first use so that activation never loads the SDK), cached
 * (memory + global state, keyed by account and Region, with a time to live) and sent to the
 * language server as data (`awsConfigRemediation/accountFacts`). The server never calls AWS.
 *
 * A look-up that fails never blocks editing: the server gets no facts (exactly offline), the
 * failure shows once, quietly, in the language status item and the log; no popup.
 */

import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import type { AwsContext, AwsContextOptions, AwsLogger } from '../../../common/src/aws';
import type { DocumentStatusParams } from '../../../common/src/protocol';
import {
  ACCOUNT_FACTS_NOTIFICATION,
  SETTINGS,
  SETTINGS_SECTION,
  TARGET_IDS_REQUEST,
} from '../../../common/src/protocol';
import type { AccountFacts } from '../../../common/src/accountFacts';
import { AccountCache, DEFAULT_TTL_MS, accountKey, settingsKey } from './cache';
import { unknownTargetIds } from './format';
import { AccountStatusItem } from './accountStatus';
import { awsSettings, loadAws, type AwsModule } from '../aws/awsModule';
import { editorAwsError } from '../aws/errorMessages';

/** Overrides of the AWS settings for a refresh (tests); the endpoint is still validated. */
export type AccountAwsOverrides = Pick<
  AwsContextOptions,
  'profile' | 'region' | 'endpointUrl' | 'credentials' | 'env'
>;

/** Where the look-ups stand; the status item shows it. */
export type AccountState =
  | { kind: 'off'; reason: 'setting' | 'untrusted' }
  | { kind: 'idle' }
  | { kind: 'loading'; facts?: AccountFacts }
  | { kind: 'ready'; facts: AccountFacts; fromCache: boolean }
  | {
      kind: 'failed';
      message: string;
      code: string;
      noCredentials: boolean;
      /** The full id of the setting that fixes it (the status item opens it), if one does. */
      setting?: string;
    };

/** How a refresh ended. */
export interface AccountOutcome {
  status: 'ready' | 'failed' | 'off' | 'cancelled';
  message: string;
  facts?: AccountFacts;
}

/** What the account look-ups add to the extension's API (tests, other extensions). */
export interface AccountApi {
  /** Looks the account up again (the refresh command), ignoring the cache. */
  refreshAccount(options?: { aws?: AccountAwsOverrides }): Promise<AccountOutcome>;
  /** The facts the server has now (undefined: offline). */
  accountFacts(): AccountFacts | undefined;
  accountState(): AccountState;
}

export interface AccountDeps {
  extensionPath: string;
  globalState: vscode.Memento;
  client: LanguageClient;
  /** Resolves when the language server runs. */
  ready: Promise<void>;
  output: vscode.LogOutputChannel;
  /** Time to live of cached facts (default 15 minutes). */
  ttlMs?: number;
}

/** After a failure, automatic look-ups wait this long (the refresh command does not). */
const RETRY_AFTER_MS = 5 * 60 * 1000;
/** Quiet time after a recognised document changed before its new TargetIds are described. */
const DESCRIBE_DELAY_MS = 1500;
/** At most this many TargetIds of the open files are considered. */
const MAX_TARGET_IDS = 200;

export class AccountController implements vscode.Disposable {
  private state: AccountState = { kind: 'idle' };
  private facts: AccountFacts | undefined;
  private key: string | undefined;
  private failedAt = 0;
  private lastLogged = '';
  private running: Promise<AccountOutcome> | undefined;
  private abort: AbortController | undefined;
  private describing = false;
  private describeTimer: ReturnType<typeof setTimeout> | undefined;
  /** TargetIds already sent to DescribeDocument since the last full look-up. */
  private readonly attempted = new Set<string>();
  private readonly recognised = new Set<string>();
  private overrides: AccountAwsOverrides | undefined;
  private readonly cache: AccountCache;
  private readonly item: AccountStatusItem;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: AccountDeps) {
    this.cache = new AccountCache(deps.globalState, deps.ttlMs ?? DEFAULT_TTL_MS);
    this.item = new AccountStatusItem();
    this.disposables.push(
      this.item,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (
          [
            SETTINGS.accountLookups,
            SETTINGS.awsProfile,
            SETTINGS.awsRegion,
            SETTINGS.awsEndpointUrl,
          ]
            .map((key) => `${SETTINGS_SECTION}.${key}`)
            .some((section) => e.affectsConfiguration(section))
        ) {
          this.reset();
        }
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reset()),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (this.recognised.delete(d.uri.toString())) this.showState();
      }),
      deps.client.onDidChangeState((e) => {
        // A restarted server starts without facts: send them again.
        if (e.newState === State.Running && this.facts) void this.send(this.facts);
      }),
    );
    const timer = setInterval(() => {
      if (this.state.kind === 'ready') this.showState();
    }, 60_000);
    this.disposables.push({ dispose: () => clearInterval(timer) });
    this.showState();
  }

  dispose(): void {
    this.abort?.abort();
    if (this.describeTimer) clearTimeout(this.describeTimer);
    for (const d of this.disposables) d.dispose();
  }

  get api(): AccountApi {
    return {
      refreshAccount: (options) => this.refresh(options),
      accountFacts: () => this.facts,
      accountState: () => this.state,
    };
  }

  /** The server's status of a document: a recognised file triggers the look-ups. */
  onDocumentStatus(status: DocumentStatusParams): void {
    if (status.recognised) this.recognised.add(status.uri);
    else this.recognised.delete(status.uri);
    this.item.setDocuments([...this.recognised]);
    if (!status.recognised) return;
    void this.ensure();
    this.scheduleDescribe();
  }

  /** The refresh command: look up again now, ignoring the cache and the retry delay. */
  async refresh(options: { aws?: AccountAwsOverrides } = {}): Promise<AccountOutcome> {
    if (options.aws) this.overrides = options.aws;
    const off = this.offReason();
    if (off) {
      this.setState({ kind: 'off', reason: off });
      return { status: 'off', message: this.offMessage(off) };
    }
    if (this.running) await this.running.catch(() => undefined);
    if (this.key) await this.cache.delete(this.key);
    return this.start(true);
  }

  private offReason(): 'setting' | 'untrusted' | undefined {
    if (!vscode.workspace.isTrusted) return 'untrusted';
    const enabled = vscode.workspace
      .getConfiguration(SETTINGS_SECTION)
      .get<boolean>(SETTINGS.accountLookups, true);
    return enabled ? undefined : 'setting';
  }

  private offMessage(reason: 'setting' | 'untrusted'): string {
    return reason === 'untrusted'
      ? 'Account look-ups are off in Restricted Mode. Trust the workspace to turn them on.'
      : `Account look-ups are off (setting ${SETTINGS_SECTION}.${SETTINGS.accountLookups}).`;
  }

  /** Settings (or trust) changed: forget the session, then look up again if a file needs it. */
  private reset(): void {
    this.abort?.abort();
    this.failedAt = 0;
    this.attempted.clear();
    const off = this.offReason();
    if (off) {
      this.setState({ kind: 'off', reason: off });
      this.setFacts(undefined);
      return;
    }
    this.setState({ kind: 'idle' });
    this.setFacts(undefined);
    if (this.recognised.size > 0) void this.ensure();
  }

  /** Looks up when needed: not off, no fresh facts, not failed a moment ago. */
  private ensure(): Promise<AccountOutcome> {
    const off = this.offReason();
    if (off) {
      if (this.state.kind !== 'off') {
        this.setState({ kind: 'off', reason: off });
        this.setFacts(undefined);
      }
      return Promise.resolve({ status: 'off', message: this.offMessage(off) });
    }
    if (this.running) return this.running;
    if (this.state.kind === 'ready' && this.key && this.cache.get(this.key)?.fresh) {
      return Promise.resolve({ status: 'ready', message: 'fresh', facts: this.state.facts });
    }
    if (this.state.kind === 'failed' && Date.now() - this.failedAt < RETRY_AFTER_MS) {
      return Promise.resolve({ status: 'failed', message: this.state.message });
    }
    return this.start(false);
  }

  private start(force: boolean): Promise<AccountOutcome> {
    const running = this.lookUp(force).finally(() => {
      if (this.running === running) this.running = undefined;
    });
    this.running = running;
    return running;
  }

  private settings(): { profile?: string; region?: string; endpointUrl?: string } {
    const settings = awsSettings();
    return {
      profile: this.overrides?.profile ?? settings.profile,
      region: this.overrides?.region ?? settings.region,
      endpointUrl: this.overrides?.endpointUrl ?? settings.endpointUrl,
    };
  }

  /** The module's log lines: details at debug level; the outcome is logged once by us. */
  private logger(): AwsLogger {
    const { output } = this.deps;
    return {
      info: (m) => output.debug(m),
      warn: (m) => output.debug(m),
      error: (m) => output.debug(m),
    };
  }

  private async context(aws: AwsModule): Promise<AwsContext> {
    return aws.createAwsContext({
      ...this.settings(),
      logger: this.logger(),
      // A look-up is a help: fail fast rather than keep the status busy.
      maxAttempts: 2,
      requestTimeoutMs: 15_000,
      ...(this.overrides?.credentials ? { credentials: this.overrides.credentials } : {}),
      ...(this.overrides?.env ? { env: this.overrides.env } : {}),
    });
  }

  /**
   * TargetIds of the open recognised documents, as the language service reads them (the server
   * has the documents parsed): the same TargetIds the CLI's look-up describes.
   */
  private async openTargetIds(): Promise<string[]> {
    const uris = [...this.recognised];
    if (uris.length === 0) return [];
    try {
      await this.deps.ready;
      const { targetIds } = await this.deps.client.sendRequest(TARGET_IDS_REQUEST, { uris });
      return targetIds.slice(0, MAX_TARGET_IDS);
    } catch (error) {
      // The TargetIds only add described documents: without them the look-up still helps.
      this.deps.output.debug(`Could not get the TargetIds from the server: ${String(error)}`);
      return [];
    }
  }

  private async lookUp(force: boolean): Promise<AccountOutcome> {
    const sKey = settingsKey(this.settings());
    if (!force) {
      const cached = this.cache.getBySettings(sKey);
      if (cached?.fresh) {
        this.key = cached.key;
        this.setState({ kind: 'ready', facts: cached.facts, fromCache: true });
        this.setFacts(cached.facts);
        this.scheduleDescribe();
        return { status: 'ready', message: 'cached', facts: cached.facts };
      }
    }
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.attempted.clear();
    this.setState({ kind: 'loading', facts: this.facts });
    let aws: AwsModule;
    try {
      aws = loadAws(this.deps.extensionPath);
    } catch (error) {
      return this.fail(`The AWS module could not be loaded: ${String(error)}`, 'LoadError', false);
    }
    let ctx: AwsContext | undefined;
    try {
      ctx = await this.context(aws);
      const targetIds = await this.openTargetIds();
      for (const id of targetIds) this.attempted.add(id);
      const facts = await aws.lookUpAccount(ctx, { targetIds, signal: abort.signal });
      if (abort.signal.aborted) return { status: 'cancelled', message: 'Cancelled.' };
      const key = accountKey(facts.accountId, facts.region, ctx.settings.endpointUrl);
      await this.cache.set(key, facts, sKey);
      this.key = key;
      this.failedAt = 0;
      this.lastLogged = '';
      this.deps.output.info(
        `Account look-up: account ${facts.accountId}, ${facts.region}${ctx.settings.endpointUrl ? ` (endpoint ${ctx.settings.endpointUrl})` : ''}: ${facts.configRules.length} Config rules, ${facts.documents.length} documents.`,
      );
      this.setState({ kind: 'ready', facts, fromCache: false });
      this.setFacts(facts);
      return { status: 'ready', message: 'looked up', facts };
    } catch (error) {
      if (abort.signal.aborted) return { status: 'cancelled', message: 'Cancelled.' };
      const classified = aws.classifyAwsError(error, {
        operation: 'The account look-up',
        region: ctx?.settings.region,
        endpointUrl: ctx?.settings.endpointUrl,
        redact: ctx?.redact,
      });
      const shown = editorAwsError(
        { kind: classified.kind, message: aws.redact(classified.message) },
        Boolean(ctx?.settings.endpointUrl),
      );
      return this.fail(
        shown.message,
        classified.code,
        classified.kind === 'missing-credentials',
        shown.setting,
      );
    } finally {
      ctx?.close();
    }
  }

  /** A failed look-up: offline (no facts), one quiet line in the status and the log. */
  private fail(
    message: string,
    code: string,
    noCredentials: boolean,
    setting?: string,
  ): AccountOutcome {
    this.failedAt = Date.now();
    this.key = undefined;
    this.setState({ kind: 'failed', message, code, noCredentials, setting });
    this.setFacts(undefined);
    if (message !== this.lastLogged) {
      this.lastLogged = message;
      this.deps.output.warn(`Account look-up failed; checking offline. ${message}`);
    }
    return { status: 'failed', message };
  }

  /** Describes, a moment after an edit, the TargetIds of the open files the facts do not know. */
  private scheduleDescribe(): void {
    if (this.describeTimer) clearTimeout(this.describeTimer);
    this.describeTimer = setTimeout(() => {
      this.describeTimer = undefined;
      void this.describeNew();
    }, DESCRIBE_DELAY_MS);
  }

  private async describeNew(): Promise<void> {
    const facts = this.facts;
    const key = this.key;
    if (!facts || !key || this.running || this.describing || this.offReason()) return;
    this.describing = true;
    let ctx: AwsContext | undefined;
    let ids: string[] = [];
    try {
      const aws = loadAws(this.deps.extensionPath);
      // The same TargetIds a full look-up would describe (names and SSM ARNs).
      ids = aws
        .targetIdsToDescribe(unknownTargetIds(facts, await this.openTargetIds()))
        .filter((id) => !this.attempted.has(id));
      // Changed meanwhile (a refresh, a settings change): the next status describes.
      if (ids.length === 0 || this.facts !== facts || this.key !== key) return;
      for (const id of ids) this.attempted.add(id);
      ctx = await this.context(aws);
      const described = await aws.describeDocuments(ctx, ids, this.abort?.signal);
      // Still the same look-up (no refresh or settings change meanwhile)?
      if (this.facts !== facts || this.key !== key) return;
      const extended = aws.withDescribedDocuments(facts, described);
      await this.cache.set(key, extended, undefined, false);
      this.setState({ kind: 'ready', facts: extended, fromCache: false });
      this.setFacts(extended);
    } catch (error) {
      // Describing is best effort: the facts stay as they are.
      this.deps.output.debug(`Describing ${ids.length} document(s) failed: ${String(error)}`);
    } finally {
      ctx?.close();
      this.describing = false;
    }
  }

  private setState(state: AccountState): void {
    this.state = state;
    this.showState();
  }

  private showState(): void {
    this.item.setDocuments([...this.recognised]);
    this.item.show(this.state);
  }

  private setFacts(facts: AccountFacts | undefined): void {
    if (this.facts === facts) return;
    const hadFacts = this.facts !== undefined;
    this.facts = facts;
    if (facts || hadFacts) void this.send(facts);
  }

  private async send(facts: AccountFacts | undefined): Promise<void> {
    try {
      await this.deps.ready;
      await this.deps.client.sendNotification(ACCOUNT_FACTS_NOTIFICATION, facts ?? null);
    } catch (error) {
      this.deps.output.debug(`Could not send the account facts to the server: ${String(error)}`);
    }
  }
}
