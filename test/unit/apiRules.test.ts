import * as assert from 'node:assert/strict';
import { FORMATS, lineOf, nodeAt, validateValue } from './helpers/bothFormats';

/** A valid configuration that each case breaks in one way. */
function base(): Record<string, unknown> {
  return {
    ConfigRuleName: 's3-bucket-public-read-prohibited',
    TargetType: 'SSM_DOCUMENT',
    TargetId: 'AWS-DisableS3BucketPublicReadWrite',
    Parameters: {
      AutomationAssumeRole: {
        StaticValue: { Values: ['arn:aws:iam::444455556666:role/Remediation'] },
      },
      S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
    },
    ResourceType: 'AWS::S3::Bucket',
    Automatic: true,
    MaximumAutomaticAttempts: 5,
    RetryAttemptSeconds: 60,
    ExecutionControls: {
      SsmControls: { ConcurrentExecutionRatePercentage: 10, ErrorPercentage: 10 },
    },
  };
}

function request(...configurations: Record<string, unknown>[]): unknown {
  return { RemediationConfigurations: configurations };
}

interface Case {
  name: string;
  value: unknown;
  rule: string;
  /** Path of the node the problem must underline exactly. */
  at?: string;
  /** Underline the key of the property at `at` instead of its value. */
  key?: boolean;
  /** Only the line must match: the first line of the object at this path (object-level problems). */
  lineOf?: string;
  message: RegExp;
}

const cases: Case[] = [
  {
    name: 'missing required TargetId',
    value: request((({ TargetId: _t, ...rest }) => rest)(base())),
    rule: 'RC100',
    lineOf: 'RemediationConfigurations[0]',
    message: /missing the required member "TargetId"/,
  },
  {
    name: 'missing RemediationConfigurations',
    value: { Configurations: [] },
    rule: 'RC100',
    lineOf: '',
    message: /request is missing the required member "RemediationConfigurations"/,
  },
  {
    name: 'StaticValue without Values',
    value: request({ ...base(), Parameters: { AutomationAssumeRole: { StaticValue: {} } } }),
    rule: 'RC100',
    at: 'RemediationConfigurations[0].Parameters.AutomationAssumeRole.StaticValue',
    key: true,
    message: /"StaticValue" is missing the required member "Values"/,
  },
  {
    name: 'boolean given as a string',
    value: request({ ...base(), Automatic: 'true' }),
    rule: 'RC101',
    at: 'RemediationConfigurations[0].Automatic',
    message: /"Automatic" must be a boolean/,
  },
  {
    name: 'integer given as a decimal',
    value: request({ ...base(), RetryAttemptSeconds: 60.5 }),
    rule: 'RC101',
    at: 'RemediationConfigurations[0].RetryAttemptSeconds',
    message: /"RetryAttemptSeconds" must be an integer, not a decimal number/,
  },
  {
    name: 'number given as a string',
    value: request({ ...base(), MaximumAutomaticAttempts: '5' }),
    rule: 'RC101',
    at: 'RemediationConfigurations[0].MaximumAutomaticAttempts',
    message: /must be an integer, not a string/,
  },
  {
    name: 'list given as an object',
    value: { RemediationConfigurations: { ConfigRuleName: 'x' } },
    rule: 'RC101',
    at: 'RemediationConfigurations',
    message: /must be a list, not an object/,
  },
  {
    name: 'Values given as a string',
    value: request({
      ...base(),
      Parameters: {
        AutomationAssumeRole: { StaticValue: { Values: 'arn:aws:iam::444455556666:role/R' } },
      },
    }),
    rule: 'RC101',
    at: 'RemediationConfigurations[0].Parameters.AutomationAssumeRole.StaticValue.Values',
    message: /"Values" must be a list, not a string/,
  },
  {
    name: 'case mistake staticValue',
    value: request({
      ...base(),
      Parameters: { AutomationAssumeRole: { staticValue: { Values: ['x'] } } },
    }),
    rule: 'RC102',
    at: 'RemediationConfigurations[0].Parameters.AutomationAssumeRole.staticValue',
    key: true,
    message: /Unknown member "staticValue".*Did you mean "StaticValue"\?/,
  },
  {
    name: 'case mistake configRuleName',
    value: request(
      (({ ConfigRuleName, ...rest }) => ({ configRuleName: ConfigRuleName, ...rest }))(base()),
    ),
    rule: 'RC102',
    at: 'RemediationConfigurations[0].configRuleName',
    key: true,
    message: /Did you mean "ConfigRuleName"\?/,
  },
  {
    name: 'typo TargetVerison',
    value: request({ ...base(), TargetVerison: '1' }),
    rule: 'RC102',
    at: 'RemediationConfigurations[0].TargetVerison',
    key: true,
    message: /Did you mean "TargetVersion"\?/,
  },
  {
    name: 'TargetType LAMBDA',
    value: request({ ...base(), TargetType: 'LAMBDA' }),
    rule: 'RC103',
    at: 'RemediationConfigurations[0].TargetType',
    message: /"TargetType" must be "SSM_DOCUMENT"; "LAMBDA" is not supported/,
  },
  {
    name: 'ResourceValue.Value not RESOURCE_ID',
    value: request({
      ...base(),
      Parameters: { S3BucketName: { ResourceValue: { Value: 'RESOURCE_ARN' } } },
    }),
    rule: 'RC103',
    at: 'RemediationConfigurations[0].Parameters.S3BucketName.ResourceValue.Value',
    message: /"Value" must be "RESOURCE_ID"/,
  },
  {
    name: 'ConfigRuleName over 128 characters',
    value: request({ ...base(), ConfigRuleName: 'r'.repeat(129) }),
    rule: 'RC104',
    at: 'RemediationConfigurations[0].ConfigRuleName',
    message: /"ConfigRuleName" must have at most 128 characters \(it has 129\)/,
  },
  {
    name: 'empty ConfigRuleName',
    value: request({ ...base(), ConfigRuleName: '' }),
    rule: 'RC104',
    at: 'RemediationConfigurations[0].ConfigRuleName',
    message: /at least 1 character; it is empty/,
  },
  {
    name: 'TargetId over 256 characters',
    value: request({ ...base(), TargetId: 'T'.repeat(300) }),
    rule: 'RC104',
    at: 'RemediationConfigurations[0].TargetId',
    message: /"TargetId" must have at most 256 characters \(it has 300\)/,
  },
  {
    name: 'parameter name over 256 characters',
    value: request({
      ...base(),
      Parameters: { ['P'.repeat(257)]: { StaticValue: { Values: ['x'] } } },
    }),
    rule: 'RC104',
    at: `RemediationConfigurations[0].Parameters.${'P'.repeat(257)}`,
    key: true,
    message: /A parameter name must have at most 256 characters/,
  },
  {
    name: 'static value over 256 characters',
    value: request({
      ...base(),
      Parameters: { Tag: { StaticValue: { Values: ['v'.repeat(257)] } } },
    }),
    rule: 'RC104',
    at: 'RemediationConfigurations[0].Parameters.Tag.StaticValue.Values[0]',
    message: /at most 256 characters \(it has 257\)/,
  },
  {
    name: 'Arn over 1024 characters',
    value: request({ ...base(), Arn: 'a'.repeat(1025) }),
    rule: 'RC104',
    at: 'RemediationConfigurations[0].Arn',
    message: /"Arn" must have at most 1024 characters/,
  },
  {
    name: 'CreatedByService over 1024 characters',
    value: request({ ...base(), CreatedByService: 'c'.repeat(1025) }),
    rule: 'RC104',
    at: 'RemediationConfigurations[0].CreatedByService',
    message: /"CreatedByService" must have at most 1024 characters/,
  },
  {
    name: 'whitespace-only ConfigRuleName',
    value: request({ ...base(), ConfigRuleName: '   ' }),
    rule: 'RC105',
    at: 'RemediationConfigurations[0].ConfigRuleName',
    message: /must match the pattern/,
  },
  {
    name: 'ErrorPercentage 200',
    value: request({ ...base(), ExecutionControls: { SsmControls: { ErrorPercentage: 200 } } }),
    rule: 'RC106',
    at: 'RemediationConfigurations[0].ExecutionControls.SsmControls.ErrorPercentage',
    message: /"ErrorPercentage" must be between 1 and 100; 200 is out of range/,
  },
  {
    name: 'ConcurrentExecutionRatePercentage 0',
    value: request({
      ...base(),
      ExecutionControls: { SsmControls: { ConcurrentExecutionRatePercentage: 0 } },
    }),
    rule: 'RC106',
    at: 'RemediationConfigurations[0].ExecutionControls.SsmControls.ConcurrentExecutionRatePercentage',
    message: /between 1 and 100; 0 is out of range/,
  },
  {
    name: 'MaximumAutomaticAttempts 26',
    value: request({ ...base(), MaximumAutomaticAttempts: 26 }),
    rule: 'RC106',
    at: 'RemediationConfigurations[0].MaximumAutomaticAttempts',
    message: /between 1 and 25; 26 is out of range/,
  },
  {
    name: 'RetryAttemptSeconds 2678001',
    value: request({ ...base(), RetryAttemptSeconds: 2678001 }),
    rule: 'RC106',
    at: 'RemediationConfigurations[0].RetryAttemptSeconds',
    message: /between 1 and 2678000/,
  },
  {
    name: '26 parameters',
    value: request({
      ...base(),
      Parameters: Object.fromEntries(
        Array.from({ length: 26 }, (_, i) => [`P${i}`, { StaticValue: { Values: ['x'] } }]),
      ),
    }),
    rule: 'RC107',
    at: 'RemediationConfigurations[0].Parameters',
    key: true,
    message: /"Parameters" can have at most 25 entries; it has 26/,
  },
  {
    name: '26 static values',
    value: request({
      ...base(),
      Parameters: {
        Tags: { StaticValue: { Values: Array.from({ length: 26 }, (_, i) => `v${i}`) } },
      },
    }),
    rule: 'RC107',
    at: 'RemediationConfigurations[0].Parameters.Tags.StaticValue.Values',
    key: true,
    message: /"Values" can have at most 25 items; it has 26/,
  },
  {
    name: '26 configurations',
    value: request(
      ...Array.from({ length: 26 }, (_, i) => ({ ...base(), ConfigRuleName: `rule-${i}` })),
    ),
    rule: 'RC108',
    at: 'RemediationConfigurations',
    key: true,
    message: /26 configurations: the API accepts at most 25 per call/,
  },
  {
    name: 'both ResourceValue and StaticValue',
    value: request({
      ...base(),
      Parameters: {
        S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' }, StaticValue: { Values: ['b'] } },
      },
    }),
    rule: 'RC109',
    at: 'RemediationConfigurations[0].Parameters.S3BucketName.StaticValue',
    key: true,
    message: /Parameter "S3BucketName" has both ResourceValue and StaticValue/,
  },
  {
    name: 'neither ResourceValue nor StaticValue',
    value: request({ ...base(), Parameters: { S3BucketName: {} } }),
    rule: 'RC109',
    at: 'RemediationConfigurations[0].Parameters.S3BucketName',
    key: true,
    message: /Parameter "S3BucketName" needs a value/,
  },
];

describe('API constraint rules (RC1xx), in JSON and YAML', () => {
  for (const format of FORMATS) {
    describe(format, () => {
      it('reports nothing on a valid request', () => {
        const { problems } = validateValue(request(base()), format);
        assert.deepEqual(problems, []);
      });
      for (const testCase of cases) {
        it(`${testCase.rule} ${testCase.name}`, () => {
          const { text, parsed, problems } = validateValue(testCase.value, format);
          const matching = problems.filter((p) => p.ruleId === testCase.rule);
          assert.equal(
            matching.length,
            1,
            `expected one ${testCase.rule}, got ${JSON.stringify(problems, null, 1)}`,
          );
          const problem = matching[0]!;
          assert.match(problem.message, testCase.message);
          if (testCase.at) {
            const node = nodeAt(parsed, testCase.at, testCase.key);
            assert.deepEqual(
              { offset: problem.offset, length: problem.length },
              { offset: node.offset, length: node.length },
              `range of ${testCase.rule}: got "${text.substr(problem.offset, problem.length)}"`,
            );
          }
          if (testCase.lineOf !== undefined) {
            const node = nodeAt(parsed, testCase.lineOf);
            assert.equal(lineOf(text, problem.offset), lineOf(text, node.offset));
          }
        });
      }
    });
  }
});
