/** CLI hygiene (issue 18): empty input, error order, stdin, per-command help, usage errors. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { CLI, runCli, tempTree } from './cliRunner';

const BAD_YAML = 'RemediationConfigurations:\n  - ConfigRuleName: r\n    TargetType: LAMBDA\n';

describe('CLI: hygiene', function () {
  this.timeout(60000);

  it('a folder without remediation files: exit 2 with a message; --allow-empty accepts it', () => {
    const dir = tempTree({ 'package.json': '{"name":"x"}', 'docs/readme.md': '# x' });
    const run = runCli(['check', '.'], { cwd: dir });
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /no remediation file found in \. \(pass --allow-empty to accept that\)/,
    );
    const allowed = runCli(['check', '--allow-empty', '.'], { cwd: dir });
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.equal(allowed.stderr, '');
  });

  it('prints errors before the summary', () => {
    const dir = tempTree({ 'a.remediation.yaml': BAD_YAML });
    // stderr and stdout into one pipe, in the order written.
    const run = spawnSync(
      'sh',
      ['-c', 'node "$0" check a.remediation.yaml missing.yaml 2>&1', CLI],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    const errorAt = run.stdout.indexOf('missing.yaml: no such file or directory');
    const summaryAt = run.stdout.indexOf('errors,');
    assert.ok(errorAt >= 0 && summaryAt > errorAt, run.stdout);
  });

  it('"-" reads standard input, named by --stdin-filename', () => {
    const run = runCli(['check', '--stdin-filename', 'in/x.remediation.yaml', '-'], {
      input: BAD_YAML,
    });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^in\/x\.remediation\.yaml:3:17 error RC103 /m);
    const json = runCli(['check', '--format', 'json', '-'], {
      input: '{"RemediationConfigurations":[{"ConfigRuleName":"r","TargetType":"LAMBDA"}]}',
    });
    assert.equal(json.code, 1);
    const out = JSON.parse(json.stdout) as {
      files: { path: string; diagnostics: { code: string }[] }[];
    };
    assert.equal(out.files[0].path, '<stdin>');
    assert.ok(out.files[0].diagnostics.some((d) => d.code === 'RC103'));
    const misuse = runCli(['check', '--stdin-filename', 'x.yaml', '.']);
    assert.equal(misuse.code, 2);
  });

  it('check --help shows the options of check only', () => {
    const run = runCli(['check', '--help']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^Usage: config-remediation check \[options\] PATH\.\.\./);
    for (const flag of [
      '--format',
      '--baseline',
      '--write-baseline',
      '--allow-empty',
      '--stdin-filename',
    ]) {
      assert.ok(run.stdout.includes(flag), flag);
    }
    assert.doesNotMatch(run.stdout, /deploy FILE|pull \[--rules/);
  });

  it('an unknown option or command is one line naming the help to run', () => {
    const option = runCli(['check', '--frmat', 'json', '.']);
    assert.equal(option.code, 2);
    assert.equal(
      option.stderr,
      'config-remediation: unknown option --frmat; run "config-remediation check --help".\n',
    );
    const command = runCli(['chek']);
    assert.equal(command.code, 2);
    assert.equal(
      command.stderr,
      'config-remediation: unknown command "chek"; run "config-remediation --help".\n',
    );
    const missingValue = runCli(['check', '--format']);
    assert.equal(missingValue.code, 2);
    assert.equal(missingValue.stderr.split('\n').filter(Boolean).length, 1, missingValue.stderr);
  });

  it('a file named explicitly still counts as found', () => {
    const dir = tempTree({ 'a.remediation.yaml': BAD_YAML });
    assert.equal(runCli(['check', path.join(dir, 'a.remediation.yaml')]).code, 1);
  });
});
