/**
 * Deploy safety, property-based: `config-remediation deploy --yes` on randomly mutated request
 * files, against the SigV4-verifying local fixture. Whatever the mutation:
 * - a file the checker finds an error in sends nothing at all;
 * - a file that is sent is sent exactly as checked: the configurations the fixture received are
 *   the configurations of the checked text, in file order;
 * - no output ever contains the fixture's secret key.
 * Seed and runs: see test/unit/helpers/fuzz.ts (`npm run fuzz` runs this suite long too).
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { stringify as yamlStringify } from 'yaml';
import { createLanguageService } from '../../server/src/languageService/languageService';
import type { AwsFixture } from '../fixtures/awsFixture';
import { FIXTURE_SECRET_ACCESS_KEY, startAwsFixture } from '../fixtures/awsFixture';
import { fuzzParameters, suiteTimeout } from '../unit/helpers/fuzz';
import { CLI, ROOT, fixtureCliEnv } from './cliRunner';

const RUNS = 10;
const TIME_LIMIT_MS = 20_000;

function configuration(name: string): Record<string, unknown> {
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
    Automatic: false,
  };
}

const BASE = { RemediationConfigurations: [configuration('rule-a'), configuration('rule-b')] };

/** Edits that keep a file valid, break it in one way the checker knows, or break its syntax. */
const TARGETED: [RegExp, string][] = [
  [/SSM_DOCUMENT/, 'LAMBDA'],
  [/rule-a/, 'rule-a2'],
  [/rule-b/, 'rule-a'],
  [/RESOURCE_ID/, 'RESOURCE_ID2'],
  [/AWS::S3::Bucket/, 'AWS::S3::Buckett'],
  [/false/, 'true'],
  [/false/, '"false"'],
  [/Automatic/, 'Automatik'],
  [/AWS-DisableS3BucketPublicReadWrite/, 'AWS-DisableS3BucketPublicReadWrite2'],
  [/TargetId/, 'TargetID'],
  [/StaticValue/, 'StaticValues'],
  [/444455556666/, '123'],
  [/"?S3BucketName"?/, '"S3BucketName": 1, "S3BucketName"'],
  [/\]/, ''],
];

type Mutation = { kind: 'targeted'; index: number } | { kind: 'char'; at: number; text: string };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('targeted' as const), index: fc.nat({ max: TARGETED.length - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('char' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.constantFrom('', 'x', '"', ':', '-', ' ', '\n', '{', '0') }) },
); // prettier-ignore

function mutate(text: string, mutation: Mutation): string {
  if (mutation.kind === 'targeted') {
    const [pattern, replacement] = TARGETED[mutation.index] ?? [/$^/, ''];
    return text.replace(pattern, replacement);
  }
  const at = Math.floor(mutation.at * text.length);
  return text.slice(0, at) + mutation.text + text.slice(at + 1);
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('fuzz: deploy sends nothing it did not check', function () {
  this.timeout(suiteTimeout(TIME_LIMIT_MS) + 60_000);
  let fixture: AwsFixture;
  let dir: string;
  let env: Record<string, string>;
  const service = createLanguageService();

  before(async () => {
    fixture = await startAwsFixture();
    dir = mkdtempSync(path.join(tmpdir(), 'config-remediation-fuzz-deploy-'));
    env = fixtureCliEnv(dir);
  });

  after(async () => {
    await fixture.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function deploy(file: string): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [CLI, 'deploy', file, '--yes', '--endpoint-url', fixture.endpoint, '--region', 'us-east-1'],
        { cwd: ROOT, env },
      );
      const run: Run = { code: null, stdout: '', stderr: '' };
      child.stdout.on('data', (chunk: Buffer) => (run.stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => resolve({ ...run, code }));
      child.stdin.end();
    });
  }

  let fileNumber = 0;

  it('refuses every file with an error and sends every other file exactly as checked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('json' as const, 'yaml' as const),
        fc.array(mutationArb, { maxLength: 3 }),
        async (format, mutations) => {
          const base = format === 'json' ? `${JSON.stringify(BASE, null, 2)}\n` : yamlStringify(BASE);
          const text = mutations.reduce(mutate, base);
          const file = path.join(dir, `f${fileNumber++}.remediation.${format}`);
          writeFileSync(file, text);
          fixture.reset();

          // What the checker says about exactly this text (the CLI uses the same service).
          const parsed = service.parse(text, format);
          const errors = service.validate(parsed, 'request').filter((p) => p.severity === 'error');
          const checked = service.configurations(parsed, 'request').map((c) => c.value);

          const run = await deploy(file);
          const output = run.stdout + run.stderr;
          assert.ok(!output.includes(FIXTURE_SECRET_ACCESS_KEY), 'the secret key was printed');
          assert.doesNotMatch(run.stderr, /^\s+at /m, run.stderr);
          const sent = fixture
            .calls('PutRemediationConfigurations')
            .flatMap((call) => (call.body as { RemediationConfigurations: unknown[] }).RemediationConfigurations);
          if (errors.length > 0) {
            assert.deepEqual(sent, [], `sent a file with errors: ${errors.map((e) => e.ruleId).join()}`);
            assert.notEqual(run.code, 0);
          } else if (sent.length > 0) {
            assert.deepEqual(JSON.parse(JSON.stringify(sent)), JSON.parse(JSON.stringify(checked)));
            assert.equal(run.code, 0, output);
          } else {
            // Nothing sent without an error: only for a file with nothing to deploy.
            assert.equal(checked.length, 0, output);
          }
        },
      ),
      fuzzParameters(RUNS, TIME_LIMIT_MS),
    );
  }); // prettier-ignore
});
