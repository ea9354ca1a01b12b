/**
 * Completion from the runbook catalog: TargetId values with the runbook descriptions, and the
 * parameter names of the configuration's runbook (read from the node model around the cursor),
 * each with its value skeleton: the resource ID for the runbook's resource-id parameter, a role ARN
 * for AutomationAssumeRole, a static value (allowed values as choices) for the others.
 */
import type { CompletionContributor, CompletionRequest } from './completion';
import { escapeSnippet, indentLines, parameterSkeleton } from './snippets';
import type { Runbook, RunbookParameter } from '../data/types';
import { renderString } from '../model/text';
import type { CompletionItem } from '../model/serviceTypes';
import {
  ASSUME_ROLE,
  catalogString,
  configurationAt,
  viewConfiguration,
} from '../model/configuration';
import { parameterMarkdown, requirementText, runbookMarkdown } from '../hover/runbookMarkdown';

const TARGET_ID = 'RemediationConfigurations.TargetId';
const PARAMETERS = 'RemediationConfigurations.Parameters';

export const runbookCompletion: CompletionContributor = (request) => {
  const { cursor, location } = request;
  if (cursor.position === 'value' && location.docPath === TARGET_ID) return targetIdItems(request);
  if (cursor.position === 'key' && location.shape.type === 'map' && location.docPath === PARAMETERS)
    return parameterNameItems(request);
  return [];
};

function targetIdItems(request: CompletionRequest): CompletionItem[] {
  const { cursor, parsed } = request;
  // "TargetId:|" in YAML: a space must separate the colon and the value.
  const space =
    parsed.format === 'yaml' && parsed.text[cursor.replace.offset - 1] === ':' ? ' ' : '';
  return request.catalog.all.map((runbook) => ({
    label: runbook.name,
    kind: 'module',
    detail: runbook.resourceType
      ? `AWS-managed runbook · ${runbook.resourceType}`
      : 'AWS-managed runbook',
    documentation: runbookMarkdown(runbook),
    insertText:
      space +
      (parsed.format === 'yaml' && !cursor.quoted
        ? escapeSnippet(runbook.name)
        : `"${escapeSnippet(runbook.name)}"`),
    isSnippet: true,
    range: cursor.replace,
    filterText: cursor.quoted ? `"${runbook.name}"` : runbook.name,
  }));
}

function parameterNameItems(request: CompletionRequest): CompletionItem[] {
  const { cursor, parsed } = request;
  const configuration = configurationAt(parsed, request.offset);
  if (!configuration) return [];
  const runbook = viewConfiguration(configuration, request.catalog).runbook;
  if (!runbook) return [];
  const indent = parsed.format === 'yaml' ? ' '.repeat(cursor.column) : request.lineIndent;
  return runbook.parameters
    .filter((parameter) => !cursor.existingKeys.has(parameter.name))
    .map((parameter, index) => {
      const lines = skeletonLines(runbook, parameter, request);
      let insertText: string;
      if (request.colonFollows) {
        insertText = parsed.format === 'yaml' ? parameter.name : `"${parameter.name}"`;
      } else {
        insertText = indentLines(lines, indent);
        if (parsed.format !== 'yaml' && cursor.needsComma) insertText += ',';
      }
      const isResourceId = runbook.resourceIdParameter === parameter.name;
      return {
        label: parameter.name,
        kind: 'property',
        detail: `${parameter.type} · ${requirementText(parameter)}${isResourceId ? ' · resource ID' : ''}`,
        documentation: parameterMarkdown(runbook, parameter),
        insertText,
        isSnippet: true,
        range: cursor.replace,
        filterText: cursor.quoted ? `"${parameter.name}"` : parameter.name,
        sortText: `${parameter.required ? '0' : '1'}${String(index).padStart(2, '0')}`,
      } satisfies CompletionItem;
    });
}

function skeletonLines(
  runbook: Runbook,
  parameter: RunbookParameter,
  request: CompletionRequest,
): string[] {
  const { parsed, unit } = request;
  const name = escapeSnippet(parameter.name);
  if (runbook.resourceIdParameter === parameter.name) {
    return parameterSkeleton('resource', parsed.format, unit, name);
  }
  return parameterSkeleton(
    'static',
    parsed.format,
    unit,
    name,
    valuePlaceholder(parameter, request),
  );
}

/** The placeholder inside `Values`: JSON quotes it already; YAML quotes what would not stay a string. */
function valuePlaceholder(parameter: RunbookParameter, request: CompletionRequest): string {
  const yaml = request.parsed.format === 'yaml';
  if (parameter.name === ASSUME_ROLE) {
    return 'arn:aws:iam::${1:123456789012}:role/${2:ConfigRemediationRole}';
  }
  const choices = (parameter.allowedValues ?? []).map(catalogString).filter((v) => v !== '');
  const first = Array.isArray(parameter.default) ? parameter.default[0] : parameter.default;
  const fallback = catalogString(first ?? '');
  const shown = choices.length > 0 ? choices : fallback === '' ? [] : [fallback];
  const needsQuotes =
    yaml &&
    (parameter.type === 'Boolean' ||
      parameter.type === 'Integer' ||
      shown.some((value) => renderString(value, 'yaml') !== value));
  let placeholder: string;
  if (choices.length > 0) {
    const escaped = choices.map((c) => c.replace(/[\\$}|,]/g, (ch) => `\\${ch}`));
    placeholder = `\${1|${escaped.join(',')}|}`;
  } else {
    // Inside quotes either way: escape as a JSON string body.
    const body = JSON.stringify(fallback).slice(1, -1);
    placeholder = fallback === '' ? '$1' : `\${1:${escapeSnippet(body)}}`;
  }
  return needsQuotes ? `"${placeholder}"` : placeholder;
}
