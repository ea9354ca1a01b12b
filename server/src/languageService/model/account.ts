/**
 * Reading {@link AccountFacts}: the account's Config rules and documents by the names a file uses,
 * and the account's runbooks in the catalog's `Runbook` shape, so that the runbook rules, the
 * parameter completion and hover treat a custom runbook like a catalogued one.
 *
 * Without facts every function here answers "unknown" (undefined / the catalog itself): offline
 * behaviour does not change.
 */
import type {
  AccountConfigRule,
  AccountDocument,
  AccountFacts,
} from '../../../../common/src/accountFacts';
import type { Runbook, RunbookCatalogData } from '../data/types';
import { RunbookCatalog } from './catalog';
import { documentNameOfArn } from './configuration';

/** The document type remediation runs: "Automation" (SSM Automation runbooks). */
export const AUTOMATION = 'Automation';

/** The Config rule of the account named `name`, if the facts list it. */
export function findConfigRule(
  account: AccountFacts | undefined,
  name: string,
): AccountConfigRule | undefined {
  if (!account) return undefined;
  return rulesByName(account).get(name);
}

const ruleIndex = new WeakMap<AccountFacts, Map<string, AccountConfigRule>>();

function rulesByName(account: AccountFacts): Map<string, AccountConfigRule> {
  let index = ruleIndex.get(account);
  if (!index) {
    index = new Map((account.configRules ?? []).map((rule) => [rule.name, rule]));
    ruleIndex.set(account, index);
  }
  return index;
}

/**
 * The account's document a TargetId names: by the exact TargetId it was described by (names and
 * ARNs), else by name (for an ARN: its name part). A described document (with parameters) wins
 * over a listed one of the same name.
 */
export function findAccountDocument(
  account: AccountFacts | undefined,
  targetId: string,
): AccountDocument | undefined {
  if (!account) return undefined;
  const documents = account.documents ?? [];
  const exact = documents.find((d) => d.requestedAs === targetId);
  if (exact) return exact;
  const name = targetId.startsWith('arn:') ? documentNameOfArn(targetId) : targetId;
  if (name === undefined) return undefined;
  const named = documents.filter((d) => d.name === name && d.requestedAs === undefined);
  return named.find((d) => d.parameters !== undefined) ?? named[0];
}

/** Whether DescribeDocument said the TargetId does not exist (and nothing since found it). */
export function isMissingDocument(account: AccountFacts | undefined, targetId: string): boolean {
  if (!account?.missingDocuments?.includes(targetId)) return false;
  return findAccountDocument(account, targetId) === undefined;
}

/** Whether the look-up described the TargetId: found (any type) or reported missing. */
export function knownToAccount(account: AccountFacts | undefined, targetId: string): boolean {
  return (
    account !== undefined &&
    (findAccountDocument(account, targetId) !== undefined ||
      (account.missingDocuments?.includes(targetId) ?? false))
  );
}

const runbookCache = new WeakMap<AccountDocument, Runbook>();
const accountRunbookSet = new WeakSet<Runbook>();

/**
 * A described Automation document as a catalog `Runbook`; undefined for other document types and
 * for documents whose parameters are not known (only listed), which are then not checked.
 */
export function accountRunbook(document: AccountDocument | undefined): Runbook | undefined {
  if (!document || document.documentType !== AUTOMATION || !document.parameters) return undefined;
  let runbook = runbookCache.get(document);
  if (!runbook) {
    runbook = {
      name: document.name,
      description: document.description ?? '',
      resourceType: null,
      resourceIdParameter: null,
      managedRules: [],
      parameters: document.parameters.map((p) => ({
        name: p.name,
        type: p.type,
        required: p.required,
        ...(p.default !== undefined ? { default: p.default } : {}),
        ...(p.allowedValues ? { allowedValues: p.allowedValues } : {}),
        ...(p.allowedPattern ? { allowedPattern: p.allowedPattern } : {}),
      })),
    };
    runbookCache.set(document, runbook);
    accountRunbookSet.add(runbook);
  }
  return runbook;
}

/** Runbooks that come from the account (not the bundled catalog), for hover and completion text. */
export function isAccountRunbook(runbook: Runbook): boolean {
  return accountRunbookSet.has(runbook);
}

/**
 * The catalog plus the account's described Automation runbooks: `get(TargetId)` answers from the
 * catalog first, then from the account (names and ARNs); `all` stays the bundled catalog (the
 * AWS-managed runbooks). Without facts: the catalog itself.
 */
class AccountRunbookCatalog extends RunbookCatalog {
  constructor(
    private readonly base: RunbookCatalog,
    private readonly account: AccountFacts,
  ) {
    super(base.data as RunbookCatalogData);
  }

  override get(name: string): Runbook | undefined {
    const catalogued = this.base.get(name);
    if (catalogued) return catalogued;
    return accountRunbook(findAccountDocument(this.account, name));
  }

  override get all(): readonly Runbook[] {
    return this.base.all;
  }
}

const catalogs = new WeakMap<RunbookCatalog, WeakMap<AccountFacts, RunbookCatalog>>();

export function catalogWithAccount(
  catalog: RunbookCatalog,
  account: AccountFacts | undefined,
): RunbookCatalog {
  if (!account) return catalog;
  let byAccount = catalogs.get(catalog);
  if (!byAccount) {
    byAccount = new WeakMap();
    catalogs.set(catalog, byAccount);
  }
  let combined = byAccount.get(account);
  if (!combined) {
    combined = new AccountRunbookCatalog(catalog, account);
    byAccount.set(account, combined);
  }
  return combined;
}

/** "Account 111122223333, us-east-1" for messages. */
export function accountLabel(account: AccountFacts): string {
  return `account ${account.accountId}, ${account.region}`;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Facts as received from a client (any LSP client may send the notification): only the
 * well-formed parts are kept, so a malformed payload can never make a rule throw. Undefined when
 * the payload is not facts at all (null clears them).
 */
export function sanitizeAccountFacts(value: unknown): AccountFacts | undefined {
  if (!isObject(value) || !isString(value.accountId) || !isString(value.region)) return undefined;
  const configRules: AccountConfigRule[] = [];
  for (const rule of Array.isArray(value.configRules) ? value.configRules : []) {
    if (!isObject(rule) || !isString(rule.name)) continue;
    const types = Array.isArray(rule.resourceTypes) ? rule.resourceTypes.filter(isString) : [];
    configRules.push({
      name: rule.name,
      ...(isString(rule.createdBy) && rule.createdBy !== '' ? { createdBy: rule.createdBy } : {}),
      ...(types.length > 0 ? { resourceTypes: types } : {}),
    });
  }
  const documents: AccountDocument[] = [];
  for (const doc of Array.isArray(value.documents) ? value.documents : []) {
    if (!isObject(doc) || !isString(doc.name) || !isString(doc.documentType)) continue;
    const document: AccountDocument = { name: doc.name, documentType: doc.documentType };
    if (isString(doc.owner)) document.owner = doc.owner;
    if (isString(doc.description)) document.description = doc.description;
    if (isString(doc.requestedAs)) document.requestedAs = doc.requestedAs;
    if (Array.isArray(doc.parameters)) {
      document.parameters = doc.parameters.filter(isObject).flatMap((p) =>
        isString(p.name)
          ? [
              {
                name: p.name,
                type: isString(p.type) ? p.type : 'String',
                required: p.required === true,
                ...(p.default !== undefined ? { default: p.default } : {}),
                ...(Array.isArray(p.allowedValues)
                  ? { allowedValues: p.allowedValues.map((v) => (isString(v) ? v : String(v))) }
                  : {}),
                ...(isString(p.allowedPattern) ? { allowedPattern: p.allowedPattern } : {}),
                ...(isString(p.description) ? { description: p.description } : {}),
              },
            ]
          : [],
      );
    }
    documents.push(document);
  }
  return {
    accountId: value.accountId,
    region: value.region,
    fetchedAt: isString(value.fetchedAt) ? value.fetchedAt : '',
    configRules,
    documents,
    missingDocuments: Array.isArray(value.missingDocuments)
      ? value.missingDocuments.filter(isString)
      : [],
  };
}
