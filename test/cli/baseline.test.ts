/** `check --write-baseline FILE` / `check --baseline FILE`: only new findings are reported. */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli, tempTree } from './cliRunner';

const TWO_RULES = `RemediationConfigurations:
  - ConfigRuleName: rule-a
    TargetType: LAMBDA
    TargetId: AWS-DisableS3BucketPublicReadWrite
  - ConfigRuleName: rule-b
    TargetType: LAMBDA
    TargetId: AWS-DisableS3BucketPublicReadWrite
`;

function codes(stdout: string): string[] {
  return (
    JSON.parse(stdout) as { files: { diagnostics: { code: string; line: number }[] }[] }
  ).files.flatMap((f) => f.diagnostics.map((d) => `${d.code}@${d.line}`));
}

describe('CLI: check --baseline', function () {
  this.timeout(60000);

  it('records today’s findings, then reports none of them, exit 0, with the count', () => {
    const dir = tempTree({ 'a.remediation.yaml': TWO_RULES });
    const before = runCli(['check', '--format', 'json', '.'], { cwd: dir });
    assert.equal(before.code, 1);
    const total = codes(before.stdout).length;
    assert.ok(total >= 2);

    const write = runCli(['check', '--write-baseline', 'baseline.json', '.'], { cwd: dir });
    assert.equal(write.code, 0, write.stderr);
    assert.match(
      write.stderr,
      new RegExp(`wrote ${total} findings to the baseline baseline\\.json`),
    );
    const baseline = JSON.parse(readFileSync(path.join(dir, 'baseline.json'), 'utf8')) as {
      findings: { ruleId: string; file: string; configuration: string; fingerprint: string }[];
    };
    assert.equal(baseline.findings.length, total);
    assert.ok(baseline.findings.every((f) => f.file === 'a.remediation.yaml'));
    assert.deepEqual([...new Set(baseline.findings.map((f) => f.configuration))].sort(), [
      'rule-a',
      'rule-b',
    ]);

    const text = runCli(['check', '--baseline', 'baseline.json', '.'], { cwd: dir });
    assert.equal(text.code, 0, text.stdout);
    assert.equal(
      text.stdout,
      `0 errors, 0 warnings, 0 information in 1 file (${total} baselined).\n`,
    );
    const json = runCli(['check', '--format', 'json', '--baseline', 'baseline.json', '.'], {
      cwd: dir,
    });
    assert.deepEqual(JSON.parse(json.stdout), {
      files: [{ path: 'a.remediation.yaml', diagnostics: [] }],
      baselined: total,
    });
  });

  it('survives lines moving; a new finding is reported and fails the check', () => {
    const dir = tempTree({ 'a.remediation.yaml': TWO_RULES });
    runCli(['check', '--write-baseline', 'baseline.json', '.'], { cwd: dir });
    // Lines added above move every finding; a new configuration brings one new RC103.
    const moved = `# a comment\n# another\n${TWO_RULES}  - ConfigRuleName: rule-c\n    TargetType: LAMBDA\n    TargetId: AWS-DisableS3BucketPublicReadWrite\n`;
    writeFileSync(path.join(dir, 'a.remediation.yaml'), moved);
    const run = runCli(['check', '--format', 'json', '--baseline', 'baseline.json', '.'], {
      cwd: dir,
    });
    assert.equal(run.code, 1, run.stdout);
    const found = codes(run.stdout);
    assert.ok(found.includes('RC103@11'), run.stdout);
    assert.ok(
      found.every((c) => /@1[0-2]$/.test(c)),
      `only rule-c's findings: ${run.stdout}`,
    );
  });

  it('tells identical findings apart by occurrence: a second copy is new', () => {
    const one = 'RemediationConfigurations:\n  - ConfigRuleName: same\n    TargetType: LAMBDA\n';
    const dir = tempTree({ 'a.remediation.yaml': one });
    runCli(['check', '--write-baseline', 'b.json', '.'], { cwd: dir });
    writeFileSync(
      path.join(dir, 'a.remediation.yaml'),
      `${one}  - ConfigRuleName: same\n    TargetType: LAMBDA\n`,
    );
    const run = runCli(['check', '--format', 'json', '--baseline', 'b.json', '.'], { cwd: dir });
    assert.equal(run.code, 1);
    assert.ok(codes(run.stdout).includes('RC103@5'), run.stdout);
    assert.ok(!codes(run.stdout).includes('RC103@3'), run.stdout);
  });

  it('paths are relative to the baseline: the same baseline works from another folder', () => {
    const dir = tempTree({ 'sub/a.remediation.yaml': TWO_RULES });
    runCli(['check', '--write-baseline', 'baseline.json', 'sub'], { cwd: dir });
    const run = runCli(['check', '--baseline', '../baseline.json', 'a.remediation.yaml'], {
      cwd: path.join(dir, 'sub'),
    });
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /in 1 file \(\d+ baselined\)\.\n$/);
  });

  it('a missing or invalid baseline is a usage error (exit 2); both flags together too', () => {
    const dir = tempTree({ 'a.remediation.yaml': TWO_RULES, 'bad.json': '{"x":1}' });
    const missing = runCli(['check', '--baseline', 'nope.json', '.'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read the baseline nope\.json: no such file or directory/);
    const invalid = runCli(['check', '--baseline', 'bad.json', '.'], { cwd: dir });
    assert.equal(invalid.code, 2);
    assert.match(invalid.stderr, /bad\.json is not a baseline/);
    const both = runCli(['check', '--baseline', 'a', '--write-baseline', 'b', '.'], { cwd: dir });
    assert.equal(both.code, 2);
  });
});
