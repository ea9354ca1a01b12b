/**
 * Completion from the account facts: ConfigRuleName values from the account's Config rules (not
 * the service-linked ones, which cannot be remediated) and TargetId values from the account's
 * Automation runbooks (owned and shared). ResourceType values narrow to the rule's
 * Scope.ComplianceResourceTypes (see {@link scopedResourceTypes}, used by the generic value
 * completion). Without facts nothing is added.
 */
import type { CompletionContributor, CompletionRequest } from './completion';
import { escapeSnippet } from './snippets';
import { getProperty } from '../model/ast';
import type { CompletionItem } from '../model/serviceTypes';
import { configurationAt, stringValue } from '../model/configuration';
import { AUTOMATION, findConfigRule } from '../model/account';

const CONFIG_RULE_NAME = 'RemediationConfigurations.ConfigRuleName';
const TARGET_ID = 'RemediationConfigurations.TargetId';

export const accountCompletion: CompletionContributor = (request) => {
  const { account, cursor, location } = request;
  if (!account || cursor.position !== 'value') return [];
  if (location.docPath === CONFIG_RULE_NAME) return ruleNameItems(request);
  if (location.docPath === TARGET_ID) return targetIdItems(request);
  return [];
};

/**
 * The Scope.ComplianceResourceTypes of the account's rule that the configuration at the cursor
 * names, when the facts know it and it has a scope; otherwise undefined (all types apply).
 */
export function scopedResourceTypes(request: CompletionRequest): readonly string[] | undefined {
  if (!request.account) return undefined;
  const configuration = configurationAt(request.parsed, request.offset);
  const name = stringValue(getProperty(configuration, 'ConfigRuleName')?.valueNode, () => false);
  if (!name) return undefined;
  const types = findConfigRule(request.account, name.value)?.resourceTypes;
  return types && types.length > 0 ? types : undefined;
}

function valueItem(
  request: CompletionRequest,
  value: string,
  item: Omit<CompletionItem, 'label' | 'insertText' | 'isSnippet' | 'range' | 'filterText'>,
): CompletionItem {
  const { cursor, parsed } = request;
  // "Key:|" in YAML: a space must separate the colon and the value.
  const space =
    parsed.format === 'yaml' && parsed.text[cursor.replace.offset - 1] === ':' ? ' ' : '';
  return {
    label: value,
    ...item,
    insertText:
      space +
      (parsed.format === 'yaml' && !cursor.quoted
        ? escapeSnippet(value)
        : `"${escapeSnippet(value)}"`),
    isSnippet: true,
    range: cursor.replace,
    filterText: cursor.quoted ? `"${value}"` : value,
  };
}

function ruleNameItems(request: CompletionRequest): CompletionItem[] {
  const account = request.account;
  if (!account) return [];
  return account.configRules
    .filter((rule) => !rule.createdBy)
    .map((rule) =>
      valueItem(request, rule.name, {
        kind: 'value',
        detail: `Config rule in ${account.accountId} (${account.region})${rule.resourceTypes ? ` · ${rule.resourceTypes.join(', ')}` : ''}`,
        documentation: `Config rule **${rule.name}** of account ${account.accountId}, Region ${account.region}.${rule.resourceTypes ? ` Scope: ${rule.resourceTypes.map((t) => `\`${t}\``).join(', ')}.` : ''}`,
        sortText: `0${rule.name}`,
      }),
    );
}

function targetIdItems(request: CompletionRequest): CompletionItem[] {
  const account = request.account;
  if (!account) return [];
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const document of account.documents) {
    if (document.documentType !== AUTOMATION || document.requestedAs !== undefined) continue;
    if (seen.has(document.name) || request.catalog.all.some((r) => r.name === document.name))
      continue;
    seen.add(document.name);
    const owned = document.owner === undefined || document.owner === account.accountId;
    items.push(
      valueItem(request, document.name, {
        kind: 'module',
        detail: owned
          ? `Runbook of account ${account.accountId}`
          : `Runbook shared by ${document.owner}`,
        documentation: [
          `Automation runbook **${document.name}** (${owned ? 'owned by' : 'shared with'} account ${account.accountId}, Region ${account.region}).`,
          document.description,
        ]
          .filter((line) => line)
          .join('\n\n'),
        sortText: `0${document.name}`,
      }),
    );
  }
  return items;
}
