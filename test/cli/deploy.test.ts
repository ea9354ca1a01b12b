/**
 * `config-remediation deploy` and `pull`: the bundled CLI (dist/cli.js) run as a child process
 * against the SigV4-verifying fixture, which runs in this (mocha) process. Every child is
 * spawned asynchronously so the fixture keeps answering.
 */

import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { AwsFixture } from '../fixtures/awsFixture';
import {
  FIXTURE_ACCOUNT,
  FIXTURE_SECRET_ACCESS_KEY,
  startAwsFixture,
} from '../fixtures/awsFixture';
import { CLI, ROOT, fixtureCliEnv } from './cliRunner';

interface Child {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Everything the CLI printed in these tests, for the secret scan. */
const printed: string[] = [];

/** A configuration the checker finds no error in (the same shape as the check tests' sample). */
function configuration(name: string, automatic = false): Record<string, unknown> {
  return {
    ConfigRuleName: name,
    TargetType: 'SSM_DOCUMENT',
    TargetId: 'AWS-DisableS3BucketPublicReadWrite',
    Parameters: {
      AutomationAssumeRole: {
        StaticValue: { Values: ['arn:aws:iam::444455556666:role/ConfigRemediationRole'] },
      },
      S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
    },
    ResourceType: 'AWS::S3::Bucket',
    Automatic: automatic,
  };
}

function names(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `rule-${String(i).padStart(2, '0')}`);
}

function requestJson(ruleNames: string[]): string {
  return `${JSON.stringify({ RemediationConfigurations: ruleNames.map((n) => configuration(n)) }, null, 2)}\n`;
}

/** 1-based line of the configuration named `name` in a file written by {@link requestJson}. */
function lineOf(text: string, name: string): number {
  // The configuration's "{" is on the line before its name: 0-based index - 1, so 1-based index.
  return text.split('\n').findIndex((l) => l.includes(`"ConfigRuleName": "${name}"`));
}

describe('CLI: config-remediation deploy and pull against the local fixture', function () {
  this.timeout(60_000);
  let fixture: AwsFixture;
  let dir: string;
  let baseEnv: Record<string, string>;

  before(async () => {
    fixture = await startAwsFixture();
    dir = mkdtempSync(path.join(tmpdir(), 'config-remediation-deploy-'));
    baseEnv = fixtureCliEnv(dir);
  });
  after(async () => {
    await fixture.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => fixture.reset());

  function write(name: string, text: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  /** The fixture's endpoint and region flags. */
  function target(): string[] {
    return ['--endpoint-url', fixture.endpoint, '--region', 'us-east-1'];
  }

  /**
   * Spawns the CLI. `interact` sees the child and its output as it arrives (to answer a prompt
   * or send a signal); stdin is closed at once unless `keepStdin`.
   */
  function cli(
    args: string[],
    options: {
      interact?: (child: ReturnType<typeof spawn>, output: () => Child) => void;
      keepStdin?: boolean;
      command?: string[];
    } = {},
  ): Promise<Child> {
    return new Promise((resolve, reject) => {
      const [file, ...pre] = options.command ?? [process.execPath, CLI];
      const child = spawn(file, [...pre, ...args], { cwd: ROOT, env: baseEnv });
      const result: Child = { code: null, signal: null, stdout: '', stderr: '' };
      child.stdout?.on('data', (d: Buffer) => {
        result.stdout += d.toString('utf8');
      });
      child.stderr?.on('data', (d: Buffer) => {
        result.stderr += d.toString('utf8');
      });
      child.on('error', reject);
      child.on('close', (code, signal) => {
        result.code = code;
        result.signal = signal;
        printed.push(result.stdout, result.stderr);
        resolve(result);
      });
      if (!options.keepStdin) child.stdin?.end();
      options.interact?.(child, () => result);
    });
  }

  /** Resolves when `predicate` holds for the output so far (checked on every chunk). */
  function when(
    child: ReturnType<typeof spawn>,
    output: () => Child,
    predicate: (c: Child) => boolean,
  ): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (predicate(output())) {
          child.stdout?.off('data', check);
          child.stderr?.off('data', check);
          resolve();
        }
      };
      // After the runner's own listeners, so the output includes the chunk.
      child.stdout?.on('data', check);
      child.stderr?.on('data', check);
    });
  }

  it('refuses a file with errors: prints them compiler-style, sends nothing, exits 1', async () => {
    const bad = configuration('rule-bad');
    bad.TargetType = 'LAMBDA';
    const file = write(
      'bad.remediation.json',
      `${JSON.stringify({ RemediationConfigurations: [bad] }, null, 2)}\n`,
    );
    const run = await cli(['deploy', file, '--yes', ...target()]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, new RegExp(`${escape(file)}:\\d+:\\d+ error RC103 `));
    assert.match(run.stderr, /not deploying: .* has 1 error; nothing was sent/);
    assert.equal(fixture.requests.length, 0, 'no request of any kind reached AWS');
  });

  it('checks with the same rule levels as "check" (--rule)', async () => {
    const file = write('thirty.remediation.json', requestJson(names(30)));
    const run = await cli(['deploy', file, '--dry-run', '--rule', 'RC108=error', ...target()]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, / error RC108 /);
    assert.equal(fixture.requests.length, 0);
  });

  it('refuses a multi-document YAML file (RC004)', async () => {
    const doc = `RemediationConfigurations:\n  - ConfigRuleName: a\n`;
    const file = write('multi.remediation.yaml', `${doc}---\n${doc}`);
    const run = await cli(['deploy', file, '--yes', ...target()]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, / error RC004 /);
    assert.equal(fixture.requests.length, 0);
  });

  it('--dry-run prints the account, new / changed (with a diff) / unchanged, and sends no Put', async () => {
    fixture.seedRemediation(configuration('rule-00'));
    fixture.seedRemediation(configuration('rule-01', true));
    const file = write('dry.remediation.json', requestJson(names(3)));
    const run = await cli(['deploy', file, '--dry-run', ...target()]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      new RegExp(
        `^Account ${FIXTURE_ACCOUNT} \\(arn:aws:iam::${FIXTURE_ACCOUNT}:user/fixture-deployer\\), region us-east-1 \\(from --region\\), default credential chain, endpoint ${escape(fixture.endpoint)}$`,
        'm',
      ),
    );
    assert.match(run.stdout, /: 1 new, 1 changed, 1 unchanged$/m);
    assert.match(run.stdout, new RegExp(`= unchanged rule-00  \\(${escape(file)}:3:5\\)`));
    assert.match(run.stdout, /~ changed {3}rule-01 /);
    assert.match(run.stdout, /^ {6}- {2}"Automatic": true$/m);
    assert.match(run.stdout, /^ {6}\+ {2}"Automatic": false$/m);
    assert.match(run.stdout, /\+ new {7}rule-02 /);
    assert.match(run.stdout, /Dry run: nothing was sent\./);
    assert.equal(fixture.calls('PutRemediationConfigurations').length, 0);
    assert.equal(fixture.calls('DescribeRemediationConfigurations').length, 1);
  });

  it('--yes deploys 60 configurations as 3 calls of at most 25, with progress on stderr', async () => {
    const file = write('sixty.remediation.json', requestJson(names(60)));
    const run = await cli(['deploy', file, '--yes', ...target()]);
    assert.equal(run.code, 0, run.stderr + run.stdout);
    const puts = fixture.calls('PutRemediationConfigurations');
    assert.deepEqual(
      puts.map(
        (p) =>
          (p.body as { RemediationConfigurations: unknown[] }).RemediationConfigurations.length,
      ),
      [25, 25, 10],
    );
    assert.ok(puts.every((p) => p.signatureValid));
    assert.equal(fixture.remediations.size, 60);
    assert.match(run.stderr, /Batch 1\/3: sending 25 configurations…/);
    assert.match(run.stderr, /Batch 3\/3: done \(60 of 60 sent\)\./);
    assert.match(
      run.stdout,
      new RegExp(
        `Deploy to account ${FIXTURE_ACCOUNT} in us-east-1: 60 deployed, 0 failed, 0 not sent of 60\\.`,
      ),
    );
  });

  it('a FailedBatches answer exits 1 and names the item with file:line, rule and FailureMessage', async () => {
    const text = requestJson(names(30));
    const file = write('failing.remediation.json', text);
    fixture.failRules.set('rule-27', 'The remediation configuration is not valid for rule-27.');
    const run = await cli(['deploy', file, '--yes', ...target()]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /29 deployed, 1 failed, 0 not sent of 30\./);
    const line = lineOf(text, 'rule-27');
    assert.ok(
      run.stdout.includes(
        `${file}:${line}:5 failed rule-27: The remediation configuration is not valid for rule-27.`,
      ),
      run.stdout,
    );
  });

  it('expired credentials: one clear message with the next step, exit 2, nothing sent', async () => {
    fixture.enqueue('GetCallerIdentity', {
      status: 403,
      body: {
        Code: 'ExpiredToken',
        Message: 'The security token included in the request is expired',
      },
    });
    const file = write('ok.remediation.json', requestJson(names(2)));
    const run = await cli(['deploy', file, '--yes', ...target()]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(
      run.stderr,
      /^config-remediation: The AWS credentials have expired \(ExpiredToken\)\. Next step: /m,
    );
    assert.equal(fixture.calls('PutRemediationConfigurations').length, 0);
  });

  it('refuses an http endpoint that is not a loopback address, before any request', async () => {
    const file = write('ok.remediation.json', requestJson(names(2)));
    const run = await cli([
      'deploy',
      file,
      '--yes',
      '--region',
      'us-east-1',
      '--endpoint-url',
      'http://config.example.com',
    ]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /uses http to a non-loopback host/);
    assert.equal(fixture.requests.length, 0);
  });

  it('without --yes and without a terminal it refuses (exit 2) before talking to AWS', async () => {
    const file = write('ok.remediation.json', requestJson(names(2)));
    const run = await cli(['deploy', file, ...target()]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /stdin is not a terminal.*pass --yes/);
    assert.equal(fixture.requests.length, 0);
  });

  describe('interactive confirmation on a terminal', function () {
    before(function () {
      // `script` (util-linux) runs the CLI on a pseudo-terminal.
      if (spawnSync('script', ['--version']).status !== 0) this.skip();
    });

    async function confirmWith(answer: string): Promise<Child> {
      const file = write('ok.remediation.json', requestJson(names(2)));
      const command = [CLI, 'deploy', file, ...target()].map((a) => `'${a}'`).join(' ');
      return cli([], {
        command: ['script', '-qefc', `'${process.execPath}' ${command}`, '/dev/null'],
        keepStdin: true,
        interact: (child, output) => {
          void when(child, output, (c) => c.stdout.includes('[y/N]')).then(() =>
            child.stdin?.write(answer),
          );
        },
      });
    }

    it('asks naming the account, region and counts; "y" deploys', async () => {
      const run = await confirmWith('y\n');
      assert.equal(run.code, 0, run.stdout);
      assert.match(
        run.stdout,
        new RegExp(
          `Deploy 2 configurations \\(2 new, 0 changed, 0 unchanged\\) to account ${FIXTURE_ACCOUNT} in region us-east-1\\? \\[y/N\\]`,
        ),
      );
      assert.equal(fixture.calls('PutRemediationConfigurations').length, 1);
    });

    it('anything else sends nothing (exit 2)', async () => {
      const run = await confirmWith('n\n');
      assert.equal(run.code, 2, run.stdout);
      assert.match(run.stdout, /Not confirmed; nothing was sent\./);
      assert.equal(fixture.calls('PutRemediationConfigurations').length, 0);
    });
  });

  it('Ctrl-C mid-deploy lets the batch in flight finish, sends no later batch, and reports both', async () => {
    const text = requestJson(names(60));
    const file = write('sixty.remediation.json', text);
    fixture.enqueue('PutRemediationConfigurations', 'pass');
    const gate = fixture.hold('PutRemediationConfigurations');
    const run = await cli(['deploy', file, '--yes', ...target()], {
      interact: (child, output) => {
        void gate.arrived
          .then(() => child.kill('SIGINT'))
          .then(() => when(child, output, (c) => c.stderr.includes('Cancelling')))
          .then(() => gate.release());
      },
    });
    assert.equal(run.code, 130, run.stderr);
    assert.equal(fixture.calls('PutRemediationConfigurations').length, 2);
    assert.equal(fixture.remediations.size, 50);
    assert.match(run.stdout, /50 deployed, 0 failed, 10 not sent of 60 \(cancelled\)\./);
    assert.ok(
      run.stdout.includes(`${file}:${lineOf(text, 'rule-50')}:5 not sent rule-50`),
      run.stdout,
    );
    assert.ok(!run.stdout.includes('not sent rule-49'));
  });

  it('pull writes the deployed configurations to -o in JSON and YAML, output-only members dropped', async () => {
    fixture.addRules('rule-a', 'rule-b', 'rule-c');
    fixture.seedRemediation(configuration('rule-a'));
    fixture.seedRemediation(configuration('rule-c', true));
    const jsonFile = path.join(dir, 'pulled.json');
    const json = await cli(['pull', '-o', jsonFile, ...target()]);
    assert.equal(json.code, 0, json.stderr);
    assert.match(
      json.stderr,
      /Pulled 2 remediation configurations of 3 rules; without one: rule-b; written to /,
    );
    const pulled = JSON.parse(readFileSync(jsonFile, 'utf8')) as {
      RemediationConfigurations: Record<string, unknown>[];
    };
    assert.deepEqual(pulled, {
      RemediationConfigurations: [configuration('rule-a'), configuration('rule-c', true)],
    });

    const yamlFile = path.join(dir, 'pulled.remediation.yaml');
    const yaml = await cli(['pull', '--rules', 'rule-c', '-o', yamlFile, ...target()]);
    assert.equal(yaml.code, 0, yaml.stderr);
    assert.deepEqual(parseYaml(readFileSync(yamlFile, 'utf8')), {
      RemediationConfigurations: [configuration('rule-c', true)],
    });
    assert.equal(fixture.calls('DescribeConfigRules').length, 1, 'only the first pull lists rules');

    // What was pulled deploys again as it is: the checker finds no error in it.
    const again = await cli(['deploy', yamlFile, '--dry-run', ...target()]);
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /0 new, 0 changed, 1 unchanged/);
  });

  it('pull to stdout with --format yaml', async () => {
    fixture.addRules('rule-a');
    fixture.seedRemediation(configuration('rule-a'));
    const run = await cli(['pull', '--format', 'yaml', '--verbose', ...target()]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(parseYaml(run.stdout), {
      RemediationConfigurations: [configuration('rule-a')],
    });
    assert.match(run.stderr, /\[info\] AWS: /, 'the module logs on stderr with --verbose');
  });

  it('never prints the secret key (stdout, stderr, --verbose logs of every run above)', async () => {
    const file = write('ok.remediation.json', requestJson(names(2)));
    fixture.enqueueError(
      'PutRemediationConfigurations',
      'InsufficientPermissionsException',
      'denied',
    );
    const run = await cli(['deploy', file, '--yes', '--verbose', ...target()]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /was denied/);
    assert.ok(printed.length > 20);
    for (const text of printed) {
      assert.ok(!text.includes(FIXTURE_SECRET_ACCESS_KEY), `secret in: ${text.slice(0, 300)}`);
      assert.ok(!text.includes(FIXTURE_SECRET_ACCESS_KEY.slice(0, 16)));
    }
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
