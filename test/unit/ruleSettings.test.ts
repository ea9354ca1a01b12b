import * as assert from 'node:assert/strict';
import { parseRuleLevels } from '../../server/src/languageService/rules/levels';
import { service } from './helpers/bothFormats';

const TEXT = `RemediationConfigurations:
  - ConfigRuleName: securityhub-s3-bucket-logging-enabled-a1b2c3
    TargetType: SSM_DOCUMENT
    TargetId: AWS-ConfigureS3BucketLogging
    Parameters:
      AutomationAssumeRole: {StaticValue: {Values: ["arn:aws:iam::123456789012:role/R"]}}
      BucketName: {ResourceValue: {Value: RESOURCE_ID}}
      TargetBucket: {StaticValue: {Values: [logs]}}
    ResourceType: AWS::S3::Bucket
    Automatic: false
`;

function validate(rules: unknown): [string, string][] {
  const { levels, errors } = parseRuleLevels(rules, service.rules);
  assert.deepEqual(errors, []);
  return service
    .validate(service.parse(TEXT, 'yaml'), 'request', { levels })
    .map((p) => [p.ruleId, p.severity]);
}

describe('rule settings (levels by id or slug)', () => {
  it('the defaults', () => {
    assert.deepEqual(validate({}), [
      ['RC209', 'warning'],
      ['RC203', 'warning'],
    ]);
  });

  it('turns rules off and changes severities by id and by slug', () => {
    assert.deepEqual(validate({ RC209: 'off', 'placeholder-account-id': 'error' }), [
      ['RC203', 'error'],
    ]);
    assert.deepEqual(validate({ 'service-linked-rule': 'hint', rc203: 'off' }), [
      ['RC209', 'hint'],
    ]);
  });

  it('an id wins over a slug for the same rule', () => {
    assert.deepEqual(validate({ RC203: 'information', 'placeholder-account-id': 'off' }), [
      ['RC209', 'warning'],
      ['RC203', 'information'],
    ]);
  });

  it('reports unknown rules and levels', () => {
    const { levels, errors } = parseRuleLevels(
      { RC999: 'off', 'manual-assume-role': 'loud', RC201: 'off' },
      service.rules,
    );
    assert.deepEqual(levels, { RC201: 'off' });
    assert.deepEqual(errors, [
      'Unknown rule "RC999" in rule settings.',
      'Rule "manual-assume-role": level must be one of error, warning, information, hint, off, not "loud".',
    ]);
  });
});
