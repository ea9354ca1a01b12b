/**
 * Generates benchmark documents: PutRemediationConfigurations requests of N configurations, in
 * JSON and YAML, the way people write them. Realistic and varied: each configuration uses a real
 * runbook from data/runbooks.json (its resource-ID parameter as a ResourceValue, its other
 * required parameters as StaticValues), its resource type, a unique rule name, and a mix of the
 * optional members. Deterministic: the same size always gives the same text.
 */
import { stringify } from 'yaml';
import runbooksData from '../server/src/languageService/data/runbooks.json';
import type { RunbookCatalogData } from '../server/src/languageService/data/types';

export type BenchFormat = 'json' | 'yaml';

const RULE_STEMS = [
  's3-bucket-public-read-prohibited',
  'ec2-instance-no-public-ip',
  'restricted-ssh',
  'cloudtrail-enabled',
  'rds-snapshots-public-prohibited',
  'iam-user-unused-credentials-check',
  'vpc-flow-logs-enabled',
  'ebs-snapshot-public-restorable-check',
  'dynamodb-pitr-enabled',
  'cloudwatch-alarm-action-check',
];

/** Accounts of the role ARNs (not the documentation's example account, which is reported). */
const ACCOUNTS = ['402917553016', '718293640152', '530184426971'];

/** Runbooks people rarely run automatically (and the checker would say so). */
const DESTRUCTIVE = /Delete|Terminate|Detach|Remove|Revoke/;

/** A small deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Runbook = RunbookCatalogData['runbooks'][number];
type RunbookParameter = Runbook['parameters'][number];

/** A value that satisfies the parameter, or undefined when we cannot make one up plausibly. */
function staticValueFor(parameter: RunbookParameter, index: number): string[] | undefined {
  const { name, type, allowedValues, allowedPattern } = parameter;
  if (allowedValues && allowedValues.length > 0)
    return [allowedValues[index % allowedValues.length] ?? ''];
  if (type === 'AWS::IAM::Role::Arn' || /Role/.test(name) || /iam::/.test(allowedPattern ?? ''))
    return [
      `arn:aws:iam::${ACCOUNTS[index % ACCOUNTS.length]}:role/ConfigRemediation-${index % 7}`,
    ];
  if (allowedPattern && allowedPattern !== '^(\\d{1,1024})$') return undefined;
  if (type === 'Boolean') return [index % 2 === 0 ? 'true' : 'false'];
  if (type === 'Integer') return [String(1 + (index % 30))];
  if (type === 'StringList') return [`${name}-a-${index}`, `${name}-b-${index}`];
  if (type === 'String') return [`${name}-${index}`];
  return undefined;
}

let usable: Runbook[] | undefined;

/** Runbooks whose required parameters we can fill in plausibly (most of the catalog). */
function usableRunbooks(): Runbook[] {
  usable ??= (runbooksData as RunbookCatalogData).runbooks.filter((runbook) =>
    runbook.parameters.every(
      (parameter) =>
        parameter.name === runbook.resourceIdParameter ||
        !parameter.required ||
        staticValueFor(parameter, 0) !== undefined,
    ),
  );
  return usable;
}

/** One configuration object (plain value), the index-th of a document. */
export function configuration(index: number, rand: () => number): Record<string, unknown> {
  const catalog = usableRunbooks();
  const runbook = catalog[Math.floor(rand() * catalog.length)] ?? catalog[0];
  if (!runbook) throw new Error('No runbooks in the catalog');
  const parameters: Record<string, unknown> = {};
  for (const parameter of runbook.parameters) {
    if (parameter.name === runbook.resourceIdParameter) {
      parameters[parameter.name] = { ResourceValue: { Value: 'RESOURCE_ID' } };
    } else if (parameter.required || parameter.name === 'AutomationAssumeRole') {
      parameters[parameter.name] = {
        StaticValue: { Values: staticValueFor(parameter, index) ?? [parameter.name] },
      };
    }
  }
  const stem = runbook.managedRules[0] ?? RULE_STEMS[index % RULE_STEMS.length];
  const config: Record<string, unknown> = {
    ConfigRuleName: `${stem}-${String(index).padStart(5, '0')}`,
    TargetType: 'SSM_DOCUMENT',
    TargetId: runbook.name,
  };
  if (rand() < 0.3) config.TargetVersion = '1';
  config.Parameters = parameters;
  if (runbook.resourceType) config.ResourceType = runbook.resourceType;
  const automatic = rand() < 0.6 && !!runbook.resourceType && !DESTRUCTIVE.test(runbook.name);
  config.Automatic = automatic;
  if (automatic || rand() < 0.5) {
    config.ExecutionControls = {
      SsmControls: {
        ConcurrentExecutionRatePercentage: 5 + Math.floor(rand() * 20),
        ErrorPercentage: 5 + Math.floor(rand() * 20),
      },
    };
  }
  if (automatic) {
    // About one configuration in a hundred has a mistake, so that there are diagnostics to send.
    config.MaximumAutomaticAttempts = rand() < 0.02 ? 30 : 1 + Math.floor(rand() * 10);
    config.RetryAttemptSeconds = 30 + Math.floor(rand() * 600);
  }
  return config;
}

/** The request value with `count` configurations. */
export function request(count: number, seed = 20240601): { RemediationConfigurations: unknown[] } {
  const rand = random(seed + count);
  const list: unknown[] = [];
  for (let index = 0; index < count; index++) list.push(configuration(index, rand));
  return { RemediationConfigurations: list };
}

/** The document text of a request of `count` configurations in a format. */
export function generateDocument(count: number, format: BenchFormat, seed?: number): string {
  const value = request(count, seed);
  return format === 'json'
    ? `${JSON.stringify(value, null, 2)}\n`
    : stringify(value, { lineWidth: 0 });
}
