/**
 * Hover from the account facts: on ConfigRuleName, the rule in the account (scope, service-linked
 * or not, or not found); on TargetId, the account's document (type, owner, parameters); on a
 * parameter key of an account runbook, the parameter. Without facts nothing is added.
 */
import type { HoverContributor } from './hover';
import type { AccountDocument, AccountFacts } from '../../../../common/src/accountFacts';
import { parameterKeyMarkdown, requirementText } from './runbookMarkdown';
import { findAccountDocument, findConfigRule, isMissingDocument } from '../model/account';
import { catalogWithAccount, isAccountRunbook } from '../model/catalog';

export const accountHover: HoverContributor = (request) => {
  const { account, location, property } = request;
  if (!account || !property) return undefined;
  const value = property.valueNode;
  if (location.docPath === 'RemediationConfigurations.ConfigRuleName') {
    if (value?.type !== 'string') return undefined;
    return ruleMarkdown(account, value.value);
  }
  if (location.docPath === 'RemediationConfigurations.TargetId') {
    if (value?.type !== 'string' || request.catalog.get(value.value)) return undefined;
    const document = findAccountDocument(account, value.value);
    if (document) return documentMarkdown(account, document);
    if (isMissingDocument(account, value.value))
      return `**${value.value}** does not exist in account ${account.accountId}, Region ${account.region} (or is not shared with it).`;
    return undefined;
  }
  if (location.docPath === 'RemediationConfigurations.Parameters.*' && request.isKey) {
    return parameterKeyMarkdown(
      property,
      catalogWithAccount(request.catalog, account),
      isAccountRunbook,
      ` (account ${account.accountId})`,
    );
  }
  return undefined;
};

function where(account: AccountFacts): string {
  return `account ${account.accountId}, Region ${account.region}`;
}

function ruleMarkdown(account: AccountFacts, name: string): string {
  const rule = findConfigRule(account, name);
  if (!rule) return `No Config rule **${name}** in ${where(account)}.`;
  const lines = [`**Config rule ${rule.name}** in ${where(account)}`];
  if (rule.resourceTypes)
    lines.push(`Scope: ${rule.resourceTypes.map((t) => `\`${t}\``).join(', ')}`);
  if (rule.createdBy)
    lines.push(
      `Service-linked: created by \`${rule.createdBy}\`. Remediation cannot be configured for it through this API.`,
    );
  return lines.join('\n\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function documentMarkdown(account: AccountFacts, document: AccountDocument): string {
  const owned = document.owner === undefined || document.owner === account.accountId;
  const owner = owned
    ? `owned by the account`
    : document.owner === 'Amazon'
      ? 'owned by Amazon'
      : `owned by ${document.owner}`;
  const lines = [
    `**${document.documentType === 'Automation' ? 'Runbook' : `${document.documentType} document`} ${document.name}** (${owner}; ${where(account)})`,
  ];
  if (document.description) lines.push(document.description);
  if (document.parameters && document.parameters.length > 0) {
    const rows = document.parameters.map(
      (p) =>
        `| \`${p.name}\` | ${cell(p.type)} | ${cell(requirementText({ ...p, required: p.required }))} | ${cell(p.allowedValues?.join(', ') ?? (p.allowedPattern ? `pattern ${p.allowedPattern}` : ''))} |`,
    );
    lines.push(
      ['| Parameter | Type | Required / default | Allowed |', '|---|---|---|---|', ...rows].join(
        '\n',
      ),
    );
  }
  return lines.join('\n\n');
}
