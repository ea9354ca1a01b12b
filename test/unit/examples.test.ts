import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { lineOf, service } from './helpers/bothFormats';

const EXAMPLES = path.join(__dirname, '..', '..', '..', 'examples');

function check(file: string): { line: number; ruleId: string; severity: string }[] {
  const text = readFileSync(file, 'utf8');
  const parsed = service.parse(text, file.endsWith('.json') ? 'json' : 'yaml');
  return service
    .validate(parsed, 'request')
    .map((p) => ({ line: lineOf(text, p.offset), ruleId: p.ruleId, severity: p.severity }));
}

describe('examples', () => {
  const valid = readdirSync(path.join(EXAMPLES, 'valid')).filter((name) =>
    /\.remediation\.(json|ya?ml)$/.test(name),
  );

  it('there are valid examples in both formats', () => {
    assert.ok(valid.some((name) => name.endsWith('.json')));
    assert.ok(valid.some((name) => name.endsWith('.yaml')));
  });

  for (const name of valid) {
    it(`valid/${name}: real runbooks used correctly get no problem at all`, () => {
      assert.deepEqual(check(path.join(EXAMPLES, 'valid', name)), []);
    });
  }

  it('with-problems/runbooks.remediation.yaml: each marked line gets its rule', () => {
    const found = check(path.join(EXAMPLES, 'with-problems', 'runbooks.remediation.yaml'));
    assert.deepEqual(
      found.map((p) => `${p.line} ${p.ruleId} ${p.severity}`),
      [
        '7 RC301 error', // LogDestinationArn is required
        '11 RC203 warning', // <Account-Id>
        '12 RC300 error', // VpcId: the parameter is VPCIds
        '17 RC303 error', // all: ACCEPT, REJECT or ALL
        '30 RC302 error', // two values for a String
        '32 RC200 error', // automatic without AutomationAssumeRole
        '34 RC204 error', // the same rule twice
        '36 RC306 warning', // no such runbook
        '41 RC202 error', // not a role ARN
        '43 RC206 information', // only for automatic remediation
        '47 RC210 information', // terminates, automatically
      ],
    );
  });
});
