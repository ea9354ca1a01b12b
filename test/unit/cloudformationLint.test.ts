import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../server/src/languageService/rules';
import type { Problem } from '../../server/src/languageService/model/problem';
import { FORMATS, lineOf, service, type Format } from './helpers/bothFormats';
import { CFN_LINT_MISSING, runCfnLint, type CfnLintFinding } from './helpers/cfnLint';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'cloudformation');

/** The cfn-lint rule and ours for the same mistake. */
const SAME_MISTAKE: Record<string, string> = {
  E3003: 'RC100', // required property missing
  E3002: 'RC102', // property not allowed
  E3012: 'RC101', // wrong type
};

/** Resources of remediation-errors.* whose mistakes only the API model knows. */
const ONLY_OURS = ['PublicReadRemediation', 'PublicWriteRemediation'];

interface Checked {
  text: string;
  problems: Problem[];
  findings: CfnLintFinding[];
}

describe('CloudFormation: compared with cfn-lint (test/fixtures/cloudformation)', function () {
  this.timeout(180_000);
  const files = FORMATS.flatMap((format) =>
    ['remediation-errors', 'intrinsics'].map((name) => path.join(FIXTURES, `${name}.${format}`)),
  );
  const results = new Map<string, Checked>();

  before(function () {
    const findings = runCfnLint(files);
    if (!findings) {
      console.warn(`      ${CFN_LINT_MISSING}`);
      this.skip();
    }
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const format: Format = file.endsWith('.json') ? 'json' : 'yaml';
      const problems = service.validate(service.parse(text, format), 'cloudformation');
      const mine = findings.filter((f) => path.resolve(f.Filename) === path.resolve(file));
      results.set(path.basename(file), { text, problems, findings: mine });
    }
  });

  for (const format of FORMATS) {
    it(`${format}: we report everything cfn-lint reports on remediation resources`, () => {
      const { text, problems, findings } = results.get(`remediation-errors.${format}`)!;
      const onResources = findings.filter(
        (f) => f.Location.Path[0] === 'Resources' && f.Location.Path[2] === 'Properties',
      );
      // The fixture has six schema mistakes; if cfn-lint changed, look at the fixture again.
      assert.equal(onResources.length, 6, JSON.stringify(findings, null, 1));
      for (const finding of onResources) {
        const line = finding.Location.Start.LineNumber;
        const expected = SAME_MISTAKE[finding.Rule.Id];
        const ours = problems.filter(
          (p) =>
            lineOf(text, p.offset) === line &&
            p.severity === 'error' &&
            (expected === undefined || p.ruleId === expected),
        );
        assert.ok(
          ours.length > 0,
          `cfn-lint ${finding.Rule.Id} on line ${line} (${finding.Message}): we report ${expected ?? 'an error'} there; ours: ${problems.map((p) => `${p.ruleId}@${lineOf(text, p.offset)}`).join(', ')}`,
        );
      }
    });

    it(`${format}: and what cfn-lint misses (LAMBDA, 100 attempts, both values, staticValue, no role)`, () => {
      const { text, problems, findings } = results.get(`remediation-errors.${format}`)!;
      assert.deepEqual(
        findings.filter((f) => ONLY_OURS.includes(String(f.Location.Path[1]))),
        [],
        'cfn-lint passes these resources',
      );
      const reported = (ruleId: string, snippet: string): boolean =>
        problems.some(
          (p) => p.ruleId === ruleId && text.substr(p.offset, p.length).includes(snippet),
        );
      assert.ok(reported('RC103', 'LAMBDA'), 'TargetType LAMBDA');
      assert.ok(reported('RC106', '100'), 'MaximumAutomaticAttempts 100');
      assert.ok(reported('RC106', 'RemediationAttempts'), 'MaximumAutomaticAttempts via !Ref');
      assert.ok(reported('RC109', 'StaticValue'), 'both ResourceValue and StaticValue');
      assert.ok(reported('RC102', 'staticValue'), 'lowercase staticValue');
      // The missing-AutomationAssumeRole rule is a cross-field rule: assert it only if it exists.
      const assumeRole = allRules.find((rule) => rule.slug === 'automatic-needs-assume-role');
      if (assumeRole) assert.ok(reported(assumeRole.id, 'Automatic'), 'no AutomationAssumeRole');
    });

    it(`${format}: the intrinsics fixture is valid for cfn-lint, and for us`, () => {
      const { text, problems, findings } = results.get(`intrinsics.${format}`)!;
      assert.deepEqual(findings, []);
      assert.deepEqual(
        problems.map((p) => `${p.ruleId} ${text.substr(p.offset, p.length)}`),
        [],
      );
    });
  }
});
