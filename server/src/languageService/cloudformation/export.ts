/**
 * Export: remediation configurations (as the API receives them) to a CloudFormation template, a
 * conformance pack template, or back to a request. Pure: plain values in, text out; the CLI
 * (`config-remediation export`) and the VS Code commands both use it, so they give the same text.
 *
 * Design (docs/cloudformation.md explains it to users):
 * - one `AWS::Config::RemediationConfiguration` resource per configuration, its logical id derived
 *   from the rule name (alphanumeric, unique); Arn and CreatedByService, which only the service
 *   returns, are dropped (the resource schema rejects them);
 * - CloudFormation template: the Config rule is a documented dependency, a template parameter
 *   per rule name (Default: the name) with a Description saying that the rule must exist before
 *   the stack is created. `DependsOn` cannot be used: it names only resources of the same template.
 *   The parameter also lets a StackSet override the name per account;
 * - conformance pack: PutRemediationConfigurations cannot attach remediations to rules deployed
 *   by conformance packs, so a pack carries its rules: one `AWS::Config::ConfigRule` per rule name
 *   (an AWS managed rule whose identifier is derived from the name, said in its Description) and
 *   the remediation `DependsOn` it, like AWS's sample packs with remediation.
 */
import { Document } from 'yaml';
import { isOutputOnlyMember } from '../model/apiModel';
import { isIntrinsicValue } from './intrinsics';
import { REMEDIATION_RESOURCE_TYPE } from '../model/layout';

export type ExportTarget = 'cloudformation' | 'conformance-pack' | 'request';
export type ExportFormat = 'json' | 'yaml';

export const EXPORT_TARGETS: readonly ExportTarget[] = [
  'cloudformation',
  'conformance-pack',
  'request',
];

/** CloudFormation limits a template to 500 resources and 200 parameters. */
export const MAX_TEMPLATE_RESOURCES = 500;
export const MAX_TEMPLATE_PARAMETERS = 200;
/** PutConformancePack takes at most 51,200 bytes of TemplateBody (larger templates go to S3). */
export const MAX_CONFORMANCE_PACK_BODY = 51_200;

export interface ExportOptions {
  target: ExportTarget;
  format: ExportFormat;
  /** The source file name, mentioned in the template's description. */
  source?: string;
}

export interface ExportResult {
  text: string;
  /** Things the user should know (not errors): e.g. a conformance pack too large for TemplateBody. */
  warnings: string[];
}

/** A configuration value CloudFormation would have to compute: it cannot be exported as is. */
export interface UnresolvedValue {
  /** Index of the configuration. */
  index: number;
  /** Path inside the configuration, e.g. "Parameters.AutomationAssumeRole.StaticValue.Values[0]". */
  path: string;
  /** The intrinsic function, e.g. "Fn::Sub". */
  intrinsic: string;
}

/** Why an export cannot be made; the message is for the user. */
export class ExportError extends Error {
  constructor(
    message: string,
    readonly unresolved: readonly UnresolvedValue[] = [],
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

/** A `Ref` in the output: `!Ref Name` in YAML, `{"Ref": "Name"}` in JSON. */
export class CfnRef {
  constructor(readonly name: string) {}
  toJSON(): { Ref: string } {
    return { Ref: this.name };
  }
}

/** Exports configurations; throws ExportError when they cannot be (e.g. unresolved intrinsics). */
export function exportConfigurations(
  configurations: readonly Record<string, unknown>[],
  options: ExportOptions,
): ExportResult {
  if (configurations.length === 0) {
    throw new ExportError('There are no remediation configurations to export.');
  }
  const unresolved = findUnresolvedValues(configurations);
  if (unresolved.length > 0) {
    const list = unresolved
      .slice(0, 10)
      .map((u) => `configuration ${u.index + 1}, ${u.path}: ${u.intrinsic}`)
      .join('; ');
    throw new ExportError(
      `${unresolved.length} value${unresolved.length === 1 ? ' is an intrinsic function' : 's are intrinsic functions'} that only CloudFormation can compute (${list}${unresolved.length > 10 ? '; …' : ''}). Replace ${unresolved.length === 1 ? 'it' : 'them'} with literal values, or give the referenced template parameters a Default.`,
      unresolved,
    );
  }
  const cleaned = configurations.map(withoutOutputOnly);
  const warnings: string[] = [];
  let value: unknown;
  let header: string | undefined;
  switch (options.target) {
    case 'request':
      value = { RemediationConfigurations: cleaned };
      break;
    case 'cloudformation':
      value = cloudFormationTemplate(cleaned, options.source, warnings);
      break;
    case 'conformance-pack':
      value = conformancePackTemplate(cleaned);
      header = conformancePackHeader(options.source);
      break;
  }
  const text = render(value, options.format, header);
  if (options.target === 'conformance-pack' && utf8Length(text) > MAX_CONFORMANCE_PACK_BODY) {
    warnings.push(
      `The conformance pack template has ${utf8Length(text)} bytes; PutConformancePack accepts at most ${MAX_CONFORMANCE_PACK_BODY} bytes inline (--template-body). Upload it to S3 and use --template-s3-uri (up to 300 KB).`,
    );
  }
  return { text, warnings };
}

/** Values inside the configurations that are long-form intrinsic functions. */
export function findUnresolvedValues(
  configurations: readonly Record<string, unknown>[],
): UnresolvedValue[] {
  const found: UnresolvedValue[] = [];
  const visit = (value: unknown, index: number, path: string): void => {
    if (isIntrinsicValue(value)) {
      found.push({ index, path, intrinsic: Object.keys(value as object)[0] ?? '' });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, index, `${path}[${i}]`));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        visit(child, index, path ? `${path}.${key}` : key);
      }
    }
  };
  configurations.forEach((configuration, index) => visit(configuration, index, ''));
  return found;
}

function withoutOutputOnly(configuration: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(configuration)) {
    // Members only the service returns are never part of an export.
    if (!isOutputOnlyMember(key)) result[key] = value;
  }
  return result;
}

/** The rule name, or a stand-in for naming the resource when it has none (only with --force). */
function ruleNameOf(configuration: Record<string, unknown>, index: number): string {
  return declaredRuleName(configuration) ?? `configuration-${index + 1}`;
}

function declaredRuleName(configuration: Record<string, unknown>): string | undefined {
  const name = configuration.ConfigRuleName;
  return typeof name === 'string' && name.trim() !== '' ? name : undefined;
}

function distinctRuleNames(configurations: readonly Record<string, unknown>[]): string[] {
  const names = configurations
    .map(declaredRuleName)
    .filter((name): name is string => name !== undefined);
  return [...new Set(names)];
}

/**
 * A logical id from a rule name: its words in PascalCase, alphanumeric only, starting with a
 * letter (`s3-bucket-logging-enabled` → `S3BucketLoggingEnabled`).
 */
export function logicalIdBase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  let id = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
  if (!/^[A-Za-z]/.test(id)) id = `Rule${id}`;
  return id.slice(0, 200);
}

/** Hands out unique logical ids (resources and parameters share one namespace). */
class LogicalIds {
  private readonly used = new Set<string>();
  take(base: string): string {
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}${n}`;
    this.used.add(id);
    return id;
  }
}

function cloudFormationTemplate(
  configurations: readonly Record<string, unknown>[],
  source: string | undefined,
  warnings: string[],
): Record<string, unknown> {
  const ids = new LogicalIds();
  const ruleNames = distinctRuleNames(configurations);
  if (configurations.length > MAX_TEMPLATE_RESOURCES) {
    throw new ExportError(
      `${configurations.length} configurations: a CloudFormation template holds at most ${MAX_TEMPLATE_RESOURCES} resources. Split the file.`,
    );
  }
  // Past the parameter limit, the names are written as they are (the rules must still exist).
  const asParameters = ruleNames.length <= MAX_TEMPLATE_PARAMETERS;
  if (!asParameters) {
    warnings.push(
      `${ruleNames.length} Config rules: more than the ${MAX_TEMPLATE_PARAMETERS} parameters a template may have, so the rule names are written as they are instead of as RuleName parameters. Each rule must still exist before the stack is created.`,
    );
  }
  const parameterOf = new Map<string, string>();
  const parameters: Record<string, unknown> = {};
  for (const ruleName of asParameters ? ruleNames : []) {
    const id = ids.take(`${logicalIdBase(ruleName)}RuleName`);
    const count = configurations.filter((c) => declaredRuleName(c) === ruleName).length;
    parameterOf.set(ruleName, id);
    parameters[id] = {
      Type: 'String',
      Default: ruleName,
      MinLength: 1,
      MaxLength: 128,
      Description: `Name of the AWS Config rule that the remediation ${count > 1 ? 'configurations attach' : 'configuration attaches'} to. The rule must exist in the account and Region before this stack is created: it is not part of this template, and DependsOn can only name resources of the same template.`,
    };
  }
  const resources: Record<string, unknown> = {};
  configurations.forEach((configuration, index) => {
    const ruleName = ruleNameOf(configuration, index);
    const id = ids.take(`${logicalIdBase(ruleName)}Remediation`);
    const properties: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(configuration)) {
      const parameter = key === 'ConfigRuleName' ? parameterOf.get(ruleName) : undefined;
      properties[key] = parameter ? new CfnRef(parameter) : value;
    }
    resources[id] = { Type: REMEDIATION_RESOURCE_TYPE, Properties: properties };
  });
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `AWS Config remediation configurations${source ? ` from ${source.slice(0, 200)}` : ''}, exported by config-remediation. Each Config rule must already exist${asParameters ? ' (see the RuleName parameters)' : ''}.`,
    ...(asParameters ? { Parameters: parameters } : {}),
    Resources: resources,
  };
}

/**
 * The identifier of the AWS managed rule a rule name most likely stands for: the console's
 * default names are the identifier in kebab case (`s3-bucket-logging-enabled`), AWS's sample
 * packs use PascalCase (`S3BucketLoggingEnabled`).
 */
export function managedRuleIdentifierGuess(name: string): string {
  return name
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

function conformancePackTemplate(
  configurations: readonly Record<string, unknown>[],
): Record<string, unknown> {
  const ids = new LogicalIds();
  const ruleNames = distinctRuleNames(configurations);
  if (configurations.length + ruleNames.length > MAX_TEMPLATE_RESOURCES) {
    throw new ExportError(
      `${configurations.length} configurations and ${ruleNames.length} rules: a conformance pack template holds at most ${MAX_TEMPLATE_RESOURCES} resources. Split the file.`,
    );
  }
  const resources: Record<string, unknown> = {};
  const ruleIdOf = new Map<string, string>();
  for (const ruleName of ruleNames) {
    const id = ids.take(`${logicalIdBase(ruleName)}Rule`);
    ruleIdOf.set(ruleName, id);
    const identifier = managedRuleIdentifierGuess(ruleName) || 'MANAGED_RULE_IDENTIFIER';
    resources[id] = {
      Type: 'AWS::Config::ConfigRule',
      Properties: {
        ConfigRuleName: ruleName,
        Description:
          `Assumed to be the AWS managed rule ${identifier} (derived from the rule name). Check Source; for a custom rule, replace it.`.slice(
            0,
            256,
          ),
        Source: { Owner: 'AWS', SourceIdentifier: identifier },
      },
    };
  }
  configurations.forEach((configuration, index) => {
    const ruleName = ruleNameOf(configuration, index);
    const id = ids.take(`${logicalIdBase(ruleName)}Remediation`);
    const rule = ruleIdOf.get(ruleName);
    resources[id] = {
      Type: REMEDIATION_RESOURCE_TYPE,
      ...(rule ? { DependsOn: rule } : {}),
      Properties: configuration,
    };
  });
  return { Resources: resources };
}

function conformancePackHeader(source: string | undefined): string {
  return [
    ` AWS Config conformance pack${source ? ` from ${source}` : ''}, exported by config-remediation.`,
    ' Each AWS::Config::ConfigRule assumes an AWS managed rule whose identifier is derived from',
    ' the rule name: check every Source (a custom rule needs its own Source) before deploying with',
    ' aws configservice put-conformance-pack --conformance-pack-name NAME --template-body file://FILE',
  ].join('\n');
}

/** The text of a value in a format: JSON with 2 spaces, or block-style YAML with `!Ref`. */
export function render(value: unknown, format: ExportFormat, header?: string): string {
  if (format === 'json') return `${JSON.stringify(value, null, 2)}\n`;
  // YAML 1.1 quoting: PyYAML (the AWS CLI, cfn-lint) reads `yes`, `on` or `2010-09-09` unquoted
  // as a boolean or a date, not the string they are.
  const document = new Document(value, {
    version: '1.1',
    customTags: [
      {
        tag: '!Ref',
        identify: (candidate: unknown) => candidate instanceof CfnRef,
        resolve: (text: string) => new CfnRef(text),
        stringify: (item: { value?: unknown }) =>
          item.value instanceof CfnRef ? item.value.name : String(item.value),
      },
    ],
  });
  if (header) document.commentBefore = header;
  return document.toString({ lineWidth: 0 });
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
