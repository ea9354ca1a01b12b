/**
 * Reading {@link AccountFacts}: the account's Config rules and documents by the names a file uses
 * (the account's runbooks join the runbook catalog in catalog.ts), and facts as received from a
 * client, cleaned.
 *
 * Without facts every function here answers "unknown" (undefined / the catalog itself): offline
 * behaviour does not change.
 */
import type {
  AccountConfigRule,
  AccountDocument,
  AccountFacts,
} from '../../../../common/src/accountFacts';
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
