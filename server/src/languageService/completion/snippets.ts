import type { DocumentFormat } from '../model/ast';
import type { ApiShape } from '../data/types';
import { textFacts } from '../model/textFacts';

/** Escapes literal text for the snippet syntax. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (char) => `\\${char}`);
}

/** The indentation unit of a document: the smallest indentation of a line, 2 when none. */
export function indentUnit(text: string): number {
  return textFacts(text).indentUnit;
}

/** The value placeholder for a member of the given shape. */
export function valueSnippet(
  shape: ApiShape,
  format: DocumentFormat,
  childIndent: string,
  defaultValue?: unknown,
): string {
  const yaml = format === 'yaml';
  switch (shape.type) {
    case 'string':
      if (shape.enum?.length === 1) return yaml ? (shape.enum[0] ?? '') : `"${shape.enum[0]}"`;
      if (shape.enum) return `\${1|${shape.enum.join(',')}|}`;
      return yaml ? '$1' : '"$1"';
    case 'integer':
    case 'long':
      return `\${1:${typeof defaultValue === 'number' ? defaultValue : 1}}`;
    case 'boolean':
      return '${1|true,false|}';
    case 'list':
      return yaml ? `\n${childIndent}- $1` : '[$1]';
    case 'structure':
    case 'map':
      return yaml ? `\n${childIndent}$1` : `{$1}`;
  }
}

/** Characters a name may have to be a snippet choice (Config rule names are plain words). */
const CHOICE_SAFE = /^[A-Za-z0-9_.:/-]{1,128}$/;
/** At most this many names in a choice: a choice is a short list to pick from, not a search. */
const MAX_CHOICES = 30;

/**
 * The ConfigRuleName placeholder (tab stop 1): a choice of the rule names known (from the account,
 * the other open files) when there are any, so word-based suggestions do not take its place;
 * else a placeholder to type over.
 */
export function ruleNamePlaceholder(ruleNames: readonly string[] = []): string {
  const names = [...new Set(ruleNames)]
    .filter((name) => CHOICE_SAFE.test(name))
    .slice(0, MAX_CHOICES);
  return names.length > 0 ? `\${1|${names.join(',')}|}` : '${1:my-config-rule}';
}

/** Lines of a new remediation configuration, as a YAML mapping (keys at column 0). */
export function configurationSkeletonYaml(unit: string, ruleNames?: readonly string[]): string[] {
  const i = (n: number): string => unit.repeat(n);
  return [
    `ConfigRuleName: ${ruleNamePlaceholder(ruleNames)}`,
    'TargetType: SSM_DOCUMENT',
    'TargetId: ${2:AWSConfigRemediation-RunbookName}',
    'Parameters:',
    `${i(1)}AutomationAssumeRole:`,
    `${i(2)}StaticValue:`,
    `${i(3)}Values:`,
    `${i(4)}- arn:aws:iam::\${3:123456789012}:role/\${4:ConfigRemediationRole}`,
    'ResourceType: ${5:AWS::S3::Bucket}',
    'Automatic: ${6|false,true|}',
  ];
}

/** Lines of a new remediation configuration as a JSON object. */
export function configurationSkeletonJson(unit: string, ruleNames?: readonly string[]): string[] {
  const i = (n: number): string => unit.repeat(n);
  return [
    '{',
    `${i(1)}"ConfigRuleName": "${ruleNamePlaceholder(ruleNames)}",`,
    `${i(1)}"TargetType": "SSM_DOCUMENT",`,
    `${i(1)}"TargetId": "\${2:AWSConfigRemediation-RunbookName}",`,
    `${i(1)}"Parameters": {`,
    `${i(2)}"AutomationAssumeRole": {`,
    `${i(3)}"StaticValue": {`,
    `${i(4)}"Values": ["arn:aws:iam::\${3:123456789012}:role/\${4:ConfigRemediationRole}"]`,
    `${i(3)}}`,
    `${i(2)}}`,
    `${i(1)}},`,
    `${i(1)}"ResourceType": "\${5:AWS::S3::Bucket}",`,
    `${i(1)}"Automatic": \${6|false,true|}`,
    '}',
  ];
}

/**
 * A whole request for an empty file: RemediationConfigurations with one automatic configuration
 * (the members the API requires, the role, and the automatic-only settings at the defaults the
 * API text gives: "the default is 5", "the default is 60 seconds"). YAML keys at column 0.
 */
export function requestSkeletonYaml(unit: string, ruleNames?: readonly string[]): string[] {
  const i = (n: number): string => unit.repeat(n);
  return [
    'RemediationConfigurations:',
    `${i(1)}- ConfigRuleName: ${ruleNamePlaceholder(ruleNames)}`,
    `${i(1)}  TargetType: SSM_DOCUMENT`,
    `${i(1)}  TargetId: \${2:AWSConfigRemediation-RunbookName}`,
    `${i(1)}  Parameters:`,
    `${i(1)}  ${i(1)}AutomationAssumeRole:`,
    `${i(1)}  ${i(2)}StaticValue:`,
    `${i(1)}  ${i(3)}Values:`,
    `${i(1)}  ${i(4)}- arn:aws:iam::\${3:123456789012}:role/\${4:ConfigRemediationRole}`,
    `${i(1)}  ResourceType: \${5:AWS::S3::Bucket}`,
    `${i(1)}  Automatic: \${6|true,false|}`,
    `${i(1)}  MaximumAutomaticAttempts: \${7:5}`,
    `${i(1)}  RetryAttemptSeconds: \${8:60}`,
  ];
}

/** The same request as JSON: the whole object (`wrap`), or its content (inside an empty `{}`). */
export function requestSkeletonJson(
  unit: string,
  wrap: boolean,
  ruleNames?: readonly string[],
): string[] {
  const i = (n: number): string => unit.repeat(n);
  const configuration = configurationSkeletonJson(unit, ruleNames);
  // Automatic with the automatic-only settings after it.
  const last = configuration.length - 2;
  configuration[last] = `${i(1)}"Automatic": \${6|true,false|},`;
  configuration.splice(
    last + 1,
    0,
    `${i(1)}"MaximumAutomaticAttempts": \${7:5},`,
    `${i(1)}"RetryAttemptSeconds": \${8:60}`,
  );
  const body = ['"RemediationConfigurations": [', ...configuration.map((line) => i(1) + line), ']'];
  return wrap ? ['{', ...body.map((line) => i(1) + line), '}'] : body;
}

/** A parameter entry: a static value or the resource ID. Lines relative to column 0. */
export function parameterSkeleton(
  kind: 'static' | 'resource',
  format: DocumentFormat,
  unit: string,
  name = '${1:ParameterName}',
  valuePlaceholder = '${2:value}',
): string[] {
  const i = (n: number): string => unit.repeat(n);
  if (format === 'yaml') {
    return kind === 'static'
      ? [`${name}:`, `${i(1)}StaticValue:`, `${i(2)}Values:`, `${i(3)}- ${valuePlaceholder}`]
      : [`${name}:`, `${i(1)}ResourceValue:`, `${i(2)}Value: RESOURCE_ID`];
  }
  return kind === 'static'
    ? [
        `"${name}": {`,
        `${i(1)}"StaticValue": {`,
        `${i(2)}"Values": ["${valuePlaceholder}"]`,
        `${i(1)}}`,
        '}',
      ]
    : [
        `"${name}": {`,
        `${i(1)}"ResourceValue": {`,
        `${i(2)}"Value": "RESOURCE_ID"`,
        `${i(1)}}`,
        '}',
      ];
}

/** Joins lines, indenting every line after the first by `indent` (clients insert as is). */
export function indentLines(lines: readonly string[], indent: string): string {
  return lines.map((line, index) => (index === 0 ? line : indent + line)).join('\n');
}
