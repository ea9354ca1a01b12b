/**
 * `config-remediation check --account`: looks up the account's Config rules and runbooks (and
 * describes the TargetIds of the files that the catalog does not know) before the check, so the
 * account rules (RC4xx) and the runbook rules on custom runbooks run. A look-up that fails never
 * blocks the check: a warning goes to stderr and the files are checked offline, with the exit
 * code of the check.
 */

import { promises as fs } from 'node:fs';
import type { AccountFacts } from '../../common/src/accountFacts';
import {
  documentFormat,
  type LanguageService,
} from '../../server/src/languageService/languageService';
import { loadAws, stderrLogger } from './awsCli';
import { collectFiles } from './files';

/** The flags of `check` that only make sense with `--account`. */
export const ACCOUNT_FLAGS = ['profile', 'region', 'endpoint-url', 'verbose'] as const;

export interface AccountCheckOptions {
  service: LanguageService;
  include?: readonly string[];
  profile?: string;
  region?: string;
  endpointUrl?: string;
  verbose?: boolean;
  /** Where the one-line summary or warning goes (stderr). */
  write?: (line: string) => void;
}

/** The TargetIds (plain strings) of the recognised files among `paths`; unreadable files are skipped. */
export async function targetIdsOf(
  paths: readonly string[],
  service: LanguageService,
  include?: readonly string[],
): Promise<string[]> {
  const walk = await collectFiles(paths);
  const targetIds = new Set<string>();
  for (const target of walk.targets) {
    let text: string;
    try {
      text = await fs.readFile(target.path, 'utf8');
    } catch {
      continue; // the check reports it
    }
    const format = documentFormat(target.path, text);
    let parsed: ReturnType<LanguageService['parse']> | undefined;
    const parse = (): ReturnType<LanguageService['parse']> =>
      (parsed ??= service.parse(text, format));
    const recognition = service.recognise(target.path, text, parse, include);
    if (!recognition) continue; // named or walked: the same recognition as the check
    for (const targetId of service.targetIds(parse(), recognition.kind)) {
      targetIds.add(targetId);
    }
  }
  return [...targetIds];
}

/**
 * Looks the account up for a check. Returns the facts, or undefined after writing a warning when
 * the look-up failed (settings, credentials, network, permissions): the check then runs offline.
 */
export async function lookUpForCheck(
  paths: readonly string[],
  options: AccountCheckOptions,
): Promise<AccountFacts | undefined> {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const aws = await loadAws();
  let ctx: Awaited<ReturnType<typeof aws.createAwsContext>> | undefined;
  try {
    const targetIds = await targetIdsOf(paths, options.service, options.include);
    ctx = await aws.createAwsContext({
      profile: options.profile,
      region: options.region,
      endpointUrl: options.endpointUrl,
      logger: options.verbose ? stderrLogger() : undefined,
      // A look-up is a help: fail fast rather than hold the check up.
      maxAttempts: 2,
      requestTimeoutMs: 20_000,
    });
    const facts = await aws.lookUpAccount(ctx, {
      targetIds,
      isCatalogued: (name) => options.service.catalog.get(name) !== undefined,
    });
    const runbooks = facts.documents.filter(
      (d) => d.documentType === 'Automation' && !d.requestedAs,
    ).length;
    write(
      `config-remediation: account ${facts.accountId}, region ${facts.region}${ctx.settings.endpointUrl ? ` (endpoint ${ctx.settings.endpointUrl})` : ''}: ${facts.configRules.length} Config rule${facts.configRules.length === 1 ? '' : 's'}, ${runbooks} runbook${runbooks === 1 ? '' : 's'}.`,
    );
    return facts;
  } catch (error) {
    const message =
      error instanceof aws.AwsSettingsError
        ? error.message
        : aws.classifyAwsError(error, {
            operation: 'the account look-up',
            region: ctx?.settings.region,
            endpointUrl: ctx?.settings.endpointUrl,
            redact: ctx?.redact,
          }).message;
    write(
      `config-remediation: warning: the account look-up failed, checking offline (no account rules). ${aws.redact(message)}`,
    );
    return undefined;
  } finally {
    ctx?.close();
  }
}
