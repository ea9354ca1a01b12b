/** Markdown about catalogued runbooks, shared by hover and completion. */
import type { Runbook, RunbookParameter } from '../data/types';
import type { PropertyNode } from '../model/ast';
import { isAccountRunbook, type RunbookCatalog } from '../model/catalog';
import { isTemplateRunbook } from '../model/templateRunbooks';
import {
  catalogString,
  configurationOfParameter,
  runbookParameter,
  viewConfiguration,
} from '../model/configuration';

function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text}${fence}`;
}

/** A cell of a markdown table: pipes and newlines would break the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A catalog value for display: the empty string shows as "". */
function shown(value: unknown): string {
  const text = catalogString(value);
  return text === '' ? '""' : text;
}

export function requirementText(parameter: RunbookParameter): string {
  if (parameter.required) return 'required';
  return `default ${code(shown(parameter.default ?? ''))}`;
}

function allowedText(parameter: RunbookParameter): string {
  if (parameter.allowedValues && parameter.allowedValues.length > 0) {
    return parameter.allowedValues.map((value) => code(shown(value))).join(', ');
  }
  if (parameter.allowedPattern) return `pattern ${code(parameter.allowedPattern)}`;
  return '';
}

/** Where a runbook comes from, for its heading. */
function origin(runbook: Runbook): string {
  if (isTemplateRunbook(runbook)) return 'Automation document defined in this file';
  if (isAccountRunbook(runbook)) return 'in the account';
  return 'AWS-managed';
}

/** The runbook: description, resource type, resource-id parameter and the parameter table. */
export function runbookMarkdown(runbook: Runbook): string {
  const lines = [`**Runbook ${runbook.name}** (${origin(runbook)})`];
  if (runbook.description) lines.push(runbook.description);
  const facts: string[] = [];
  if (runbook.resourceType) facts.push(`Resource type: ${code(runbook.resourceType)}`);
  if (runbook.resourceIdParameter)
    facts.push(`resource ID (\`RESOURCE_ID\`) goes to ${code(runbook.resourceIdParameter)}`);
  if (facts.length > 0) lines.push(facts.join(' · '));
  if (runbook.parameters.length > 0) {
    const rows = runbook.parameters.map(
      (p) =>
        `| ${code(p.name)} | ${cell(p.type)} | ${cell(requirementText(p))} | ${cell(allowedText(p))} |`,
    );
    lines.push(
      ['| Parameter | Type | Required / default | Allowed |', '|---|---|---|---|', ...rows].join(
        '\n',
      ),
    );
  }
  if (runbook.docUrl) lines.push(`[Runbook reference](${runbook.docUrl})`);
  return lines.join('\n\n');
}

/** One parameter of a runbook: type, required or default, allowed values or pattern. */
export function parameterMarkdown(runbook: Runbook, parameter: RunbookParameter): string {
  const lines = [
    `**${parameter.name}** — parameter of runbook ${code(runbook.name)}`,
    `Type: ${code(parameter.type)} · ${parameter.required ? '**required** (no default)' : `optional, ${requirementText(parameter)}`}`,
  ];
  if (parameter.allowedValues && parameter.allowedValues.length > 0) {
    lines.push(`Allowed values: ${parameter.allowedValues.map((v) => code(shown(v))).join(', ')}`);
  }
  if (parameter.allowedPattern) lines.push(`Allowed pattern: ${code(parameter.allowedPattern)}`);
  if (runbook.resourceIdParameter === parameter.name) {
    lines.push("Takes the noncompliant resource's ID: `ResourceValue: {Value: RESOURCE_ID}`.");
  }
  lines.push(`Runbook: ${runbook.description}`);
  if (runbook.docUrl) lines.push(`[Runbook reference](${runbook.docUrl})`);
  return lines.join('\n\n');
}

/**
 * Hover on a parameter key: the parameter of the configuration's runbook as `catalog` finds it, or
 * the runbook's parameter names when it has no such parameter. Only for runbooks `applies` to
 * (the catalog's and the account's hovers each speak of their own); `owner` follows the runbook's
 * name in the message (e.g. " (account 111122223333)").
 */
export function parameterKeyMarkdown(
  property: PropertyNode,
  catalog: RunbookCatalog,
  applies: (runbook: Runbook) => boolean,
  owner = '',
): string | undefined {
  const configuration = configurationOfParameter(property);
  if (!configuration) return undefined;
  const runbook = viewConfiguration(configuration, catalog).runbook;
  if (!runbook || !applies(runbook)) return undefined;
  const parameter = runbookParameter(runbook, property.keyNode.value);
  if (!parameter) {
    return `Runbook \`${runbook.name}\`${owner} has no parameter **${property.keyNode.value}**. Its parameters: ${runbook.parameters.map((p) => `\`${p.name}\``).join(', ')}.`;
  }
  return parameterMarkdown(runbook, parameter);
}
