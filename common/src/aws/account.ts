/**
 * Account look-ups (issue #8): the Config rules and SSM Automation runbooks of the account and
 * region, as {@link AccountFacts} the language server takes as data (the server never calls AWS).
 *
 * - Config rules: DescribeConfigRules, paged: name, `CreatedBy` (service-linked rules),
 *   `Scope.ComplianceResourceTypes`.
 * - Runbooks: SSM ListDocuments, paged, for Automation documents owned by the account
 *   (`Owner=Self`) and shared with it (`Owner=Private`); then, for each TargetId of the files that
 *   the bundled catalog does not know, DescribeDocument (type, owner, parameters; "Parameters
 *   without a default value are required") and GetDocument (JSON content: allowedValues,
 *   allowedPattern). A TargetId DescribeDocument answers `InvalidDocument` for is recorded in
 *   `missingDocuments`.
 *
 * Every call is read-only. Failures are classified and redacted like every call of this module.
 */

import { DescribeConfigRulesCommand, type ConfigRule } from '@aws-sdk/client-config-service';
import type { DocumentKeyValuesFilter } from '@aws-sdk/client-ssm';
import {
  DescribeDocumentCommand,
  GetDocumentCommand,
  ListDocumentsCommand,
} from '@aws-sdk/client-ssm';
import type { AccountConfigRule, AccountDocument, AccountFacts } from '../accountFacts';
import type { AwsContext } from './clients';
import { awsCall, classifyFor, getAccount } from './deploy';
import { AwsOperationError } from './errors';

export type { AccountConfigRule, AccountDocument, AccountFacts };

/** Safety caps: an account with more is cut (the look-up is a help, not an inventory). */
const MAX_RULE_PAGES = 200;
const MAX_DOCUMENT_PAGES = 100;
/** At most this many TargetIds are described per look-up (each costs two calls). */
export const MAX_DESCRIBED_DOCUMENTS = 100;
/** DescribeDocument/GetDocument calls in flight at once. */
const DESCRIBE_CONCURRENCY = 4;

/** The document parameter as published in the document content. */
type DocumentParameter = NonNullable<AccountDocument['parameters']>[number];

/**
 * The Config rules of the account and region: DescribeConfigRules, following NextToken, for at
 * most `maxPages` pages. Shared by the account look-up (capped) and pull (every rule).
 * @throws AwsOperationError
 */
export async function describeConfigRulePages(
  ctx: AwsContext,
  signal: AbortSignal | undefined,
  maxPages = Infinity,
): Promise<{ rules: ConfigRule[]; pages: number }> {
  const rules: ConfigRule[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const out = await awsCall(ctx, 'DescribeConfigRules', () =>
      ctx.clients.config.send(new DescribeConfigRulesCommand({ NextToken: nextToken }), {
        abortSignal: signal,
      }),
    );
    pages++;
    rules.push(...(out.ConfigRules ?? []));
    nextToken = out.NextToken || undefined;
  } while (nextToken !== undefined && pages < maxPages);
  return { rules, pages };
}

/**
 * Lists the Config rules of the account and region (DescribeConfigRules, following NextToken).
 * @throws AwsOperationError
 */
export async function listAccountConfigRules(
  ctx: AwsContext,
  signal?: AbortSignal,
): Promise<AccountConfigRule[]> {
  const rules = new Map<string, AccountConfigRule>();
  const described = await describeConfigRulePages(ctx, signal, MAX_RULE_PAGES);
  for (const rule of described.rules) {
    if (!rule.ConfigRuleName) continue;
    const types = rule.Scope?.ComplianceResourceTypes?.filter((t) => t.length > 0);
    rules.set(rule.ConfigRuleName, {
      name: rule.ConfigRuleName,
      ...(rule.CreatedBy ? { createdBy: rule.CreatedBy } : {}),
      ...(types && types.length > 0 ? { resourceTypes: types } : {}),
    });
  }
  ctx.logger.info(`AWS: ${rules.size} Config rule(s) in ${described.pages} page(s)`);
  return [...rules.values()];
}

async function listDocumentsOwnedBy(
  ctx: AwsContext,
  owner: 'Self' | 'Private',
  signal: AbortSignal | undefined,
): Promise<AccountDocument[]> {
  const documents: AccountDocument[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    // A fresh array per call: the filters are part of the request the SDK serialises.
    const filters: DocumentKeyValuesFilter[] = [
      { Key: 'Owner', Values: [owner] },
      { Key: 'DocumentType', Values: ['Automation'] },
    ];
    const out = await awsCall(ctx, 'ListDocuments', () =>
      ctx.clients.ssm.send(
        new ListDocumentsCommand({ Filters: filters, MaxResults: 50, NextToken: nextToken }),
        { abortSignal: signal },
      ),
    );
    pages++;
    for (const identifier of out.DocumentIdentifiers ?? []) {
      if (!identifier.Name) continue;
      documents.push({
        name: identifier.Name,
        documentType: identifier.DocumentType ?? 'Automation',
        ...(identifier.Owner ? { owner: identifier.Owner } : {}),
      });
    }
    nextToken = out.NextToken || undefined;
  } while (nextToken !== undefined && pages < MAX_DOCUMENT_PAGES);
  return documents;
}

/**
 * Lists the Automation runbooks owned by the account (`Owner=Self`) and shared with it
 * (`Owner=Private`), without their parameters. A failure to list the shared ones is logged and
 * ignored; a failure to list the account's own is thrown.
 * @throws AwsOperationError
 */
export async function listAccountRunbooks(
  ctx: AwsContext,
  signal?: AbortSignal,
): Promise<AccountDocument[]> {
  const own = await listDocumentsOwnedBy(ctx, 'Self', signal);
  let shared: AccountDocument[] = [];
  try {
    shared = await listDocumentsOwnedBy(ctx, 'Private', signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    ctx.logger.warn('AWS: the runbooks shared with the account could not be listed; skipped.');
  }
  const byName = new Map<string, AccountDocument>();
  for (const document of [...own, ...shared]) {
    if (!byName.has(document.name)) byName.set(document.name, document);
  }
  ctx.logger.info(
    `AWS: ${own.length} Automation runbook(s) owned by the account, ${shared.length} shared with it`,
  );
  return [...byName.values()];
}

/** Whether an error says the document does not exist (or is not shared with the account). */
function isMissingDocument(error: unknown): boolean {
  const e = error as { name?: unknown; Code?: unknown; code?: unknown } | null;
  const names = [e?.name, e?.Code, e?.code];
  return names.some((n) => n === 'InvalidDocument' || n === 'InvalidDocumentVersion');
}

/** The parameters section of a document's JSON content; undefined when it cannot be read. */
export function parametersOfContent(content: string): DocumentParameter[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const section = (parsed as { parameters?: unknown }).parameters;
  if (section === undefined) return [];
  if (section === null || typeof section !== 'object' || Array.isArray(section)) return undefined;
  const parameters: DocumentParameter[] = [];
  for (const [name, value] of Object.entries(section as Record<string, unknown>)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const p = value as Record<string, unknown>;
    const parameter: DocumentParameter = {
      name,
      type: typeof p.type === 'string' ? p.type : 'String',
      // "Parameters without a default value are required." (DocumentParameter.DefaultValue)
      required: !('default' in p),
    };
    if ('default' in p) parameter.default = p.default;
    if (Array.isArray(p.allowedValues))
      parameter.allowedValues = p.allowedValues.map((v) => (typeof v === 'string' ? v : String(v)));
    if (typeof p.allowedPattern === 'string') parameter.allowedPattern = p.allowedPattern;
    if (typeof p.description === 'string') parameter.description = p.description;
    parameters.push(parameter);
  }
  return parameters;
}

/** What {@link describeDocuments} found. */
export interface DescribedDocuments {
  documents: AccountDocument[];
  /** Names (or ARNs, as given) that DescribeDocument answered `InvalidDocument` for. */
  missing: string[];
  /** Names that could not be described for another reason (permissions, throttling, ...). */
  failed: string[];
}

/**
 * Describes documents by name or ARN: type, owner, description and parameters (DescribeDocument;
 * then GetDocument as JSON for allowedValues and allowedPattern, when allowed). Never throws for
 * one document: each lands in `documents`, `missing` or `failed`. At most
 * {@link MAX_DESCRIBED_DOCUMENTS} names are described.
 */
export async function describeDocuments(
  ctx: AwsContext,
  names: readonly string[],
  signal?: AbortSignal,
): Promise<DescribedDocuments> {
  const unique = [...new Set(names.filter((n) => n.length > 0))].slice(0, MAX_DESCRIBED_DOCUMENTS);
  const result: DescribedDocuments = { documents: [], missing: [], failed: [] };
  const describeOne = async (name: string): Promise<void> => {
    let described;
    try {
      described = await ctx.clients.ssm.send(new DescribeDocumentCommand({ Name: name }), {
        abortSignal: signal,
      });
    } catch (error) {
      if (isMissingDocument(error)) {
        result.missing.push(name);
        return;
      }
      const classified = classifyFor(ctx, 'DescribeDocument', error);
      ctx.logger.warn(`AWS: DescribeDocument ${name} failed: ${classified.message}`);
      result.failed.push(name);
      if (classified.kind === 'cancelled') throw new AwsOperationError(classified);
      return;
    }
    const document = described.Document;
    if (!document) {
      result.failed.push(name);
      return;
    }
    const fromDescribe: DocumentParameter[] = (document.Parameters ?? [])
      .filter((p) => p.Name)
      .map((p) => ({
        name: p.Name ?? '',
        type: p.Type ?? 'String',
        // "Parameters without a default value are required."
        required: p.DefaultValue === undefined,
        ...(p.DefaultValue !== undefined ? { default: p.DefaultValue } : {}),
        ...(p.Description ? { description: p.Description } : {}),
      }));
    let parameters = fromDescribe;
    if (document.DocumentType === 'Automation') {
      try {
        const content = await ctx.clients.ssm.send(
          new GetDocumentCommand({ Name: name, DocumentFormat: 'JSON' }),
          { abortSignal: signal },
        );
        parameters = (content.Content && parametersOfContent(content.Content)) || fromDescribe;
      } catch (error) {
        if (signal?.aborted) throw error;
        // DescribeDocument's parameters are enough for the required/unknown checks.
        ctx.logger.info(
          `AWS: GetDocument ${name} failed (${classifyFor(ctx, 'GetDocument', error).code}); using DescribeDocument's parameters`,
        );
      }
    }
    result.documents.push({
      name: document.Name ?? name,
      documentType: document.DocumentType ?? 'Unknown',
      ...(document.Owner ? { owner: document.Owner } : {}),
      ...(document.Description ? { description: document.Description } : {}),
      parameters,
      ...(name !== (document.Name ?? name) ? { requestedAs: name } : {}),
    });
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < unique.length) {
      const name = unique[next++];
      if (name !== undefined) await describeOne(name);
    }
  };
  await Promise.all(Array.from({ length: Math.min(DESCRIBE_CONCURRENCY, unique.length) }, worker));
  ctx.logger.info(
    `AWS: described ${unique.length} document(s): ${result.documents.length} found, ${result.missing.length} not found, ${result.failed.length} failed`,
  );
  return result;
}

/** Options of {@link lookUpAccount}. */
export interface AccountLookupOptions {
  /** TargetIds of the files: those not catalogued are described. */
  targetIds?: readonly string[];
  /** Whether a TargetId is in the bundled runbook catalog (those are not described). */
  isCatalogued?: (name: string) => boolean;
  signal?: AbortSignal;
  /** The clock (tests). */
  now?: () => Date;
}

/** TargetIds worth a DescribeDocument: not catalogued; a name or an SSM document ARN. */
export function targetIdsToDescribe(
  targetIds: readonly string[],
  isCatalogued: (name: string) => boolean = () => false,
): string[] {
  return [
    ...new Set(
      targetIds
        .map((t) => t.trim())
        .filter(
          (t) =>
            t.length >= 3 &&
            !isCatalogued(t) &&
            (/^[a-zA-Z0-9_\-.:/]{3,256}$/.test(t) || /^arn:[^:]+:ssm:/.test(t)),
        ),
    ),
  ];
}

/**
 * The whole look-up: the account (GetCallerIdentity), its Config rules, its Automation runbooks,
 * and the TargetIds of the files that the catalog does not know. Throws when the account, the
 * rules or the account's own runbooks cannot be read (the caller then stays offline).
 * @throws AwsOperationError
 */
export async function lookUpAccount(
  ctx: AwsContext,
  options: AccountLookupOptions = {},
): Promise<AccountFacts> {
  const { signal } = options;
  const account = await getAccount(ctx, signal);
  const [configRules, runbooks] = await Promise.all([
    listAccountConfigRules(ctx, signal),
    listAccountRunbooks(ctx, signal),
  ]);
  const toDescribe = targetIdsToDescribe(options.targetIds ?? [], options.isCatalogued);
  const described = await describeDocuments(ctx, toDescribe, signal);
  return {
    accountId: account.account,
    region: ctx.settings.region,
    fetchedAt: (options.now?.() ?? new Date()).toISOString(),
    configRules,
    documents: mergeDocuments(runbooks, described.documents),
    missingDocuments: described.missing,
  };
}

/**
 * Adds newly described documents to facts (the client describes TargetIds as they are typed):
 * returns new facts; `fetchedAt` is kept (the rules and the listing are as old as before).
 */
export function withDescribedDocuments(
  facts: AccountFacts,
  described: DescribedDocuments,
): AccountFacts {
  const found = new Set(described.documents.flatMap((d) => [d.name, d.requestedAs ?? d.name]));
  const missing = new Set([...(facts.missingDocuments ?? []), ...described.missing]);
  for (const name of found) missing.delete(name);
  return {
    ...facts,
    documents: mergeDocuments(facts.documents, described.documents),
    missingDocuments: [...missing],
  };
}

/** Listed documents plus described ones; a described document replaces the entry it describes. */
function mergeDocuments(
  listed: readonly AccountDocument[],
  described: readonly AccountDocument[],
): AccountDocument[] {
  const byKey = new Map<string, AccountDocument>();
  const key = (d: AccountDocument): string => d.requestedAs ?? d.name;
  for (const document of [...listed, ...described]) byKey.set(key(document), document);
  return [...byKey.values()];
}
