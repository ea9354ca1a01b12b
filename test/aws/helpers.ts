/**
 * Shared helpers of the AWS boundary tests: contexts against the fixture, a capturing logger
 * whose every line is kept for the secret scan, sample configurations, and the AWS CLI runner.
 */

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as assert from 'node:assert/strict';
import type {
  AwsContext,
  AwsContextOptions,
  AwsLogger,
  RemediationConfiguration,
} from '../../common/src/aws';
import { createAwsContext } from '../../common/src/aws';
import type { AwsFixture } from '../fixtures/awsFixture';
import {
  FIXTURE_ACCESS_KEY_ID,
  FIXTURE_SECRET_ACCESS_KEY,
  FIXTURE_SESSION_CREDENTIALS,
} from '../fixtures/awsFixture';

/** Every log line and user-facing message produced by the module in these tests. */
export const producedText: string[] = [];

/** Records user-facing text (messages, reports) for the secret scan. */
export function seen(...texts: (string | undefined)[]): void {
  for (const t of texts) {
    if (t !== undefined) {
      producedText.push(t);
    }
  }
}

/** A logger that keeps its lines (and adds them to {@link producedText}). */
export function captureLogger(): AwsLogger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (msg: string) => {
    lines.push(`${level} ${msg}`);
    producedText.push(msg);
  };
  return { lines, info: push('info'), warn: push('warn'), error: push('error') };
}

/** Asserts that none of the fixture's secrets appears in anything produced so far. */
export function assertNothingSecret(): void {
  assert.ok(producedText.length > 0, 'the scan must have something to scan');
  const secrets = [
    FIXTURE_SECRET_ACCESS_KEY,
    FIXTURE_SESSION_CREDENTIALS.secretAccessKey,
    FIXTURE_SESSION_CREDENTIALS.sessionToken,
    // Distinctive fragments, in case a secret was cut or re-wrapped.
    FIXTURE_SECRET_ACCESS_KEY.slice(0, 20),
    FIXTURE_SECRET_ACCESS_KEY.slice(20),
    FIXTURE_SESSION_CREDENTIALS.sessionToken.slice(0, 40),
  ];
  for (const text of producedText) {
    for (const s of secrets) {
      assert.ok(!text.includes(s), `a secret appeared in: ${text.slice(0, 200)}`);
    }
  }
}

/** A context against the fixture with the fixture's long-term keys, isolated from the machine's env. */
export async function fixtureContext(
  fixture: AwsFixture,
  logger: AwsLogger,
  overrides: Partial<AwsContextOptions> = {},
): Promise<AwsContext> {
  return createAwsContext({
    region: 'us-east-1',
    endpointUrl: fixture.endpoint,
    credentials: { accessKeyId: FIXTURE_ACCESS_KEY_ID, secretAccessKey: FIXTURE_SECRET_ACCESS_KEY },
    env: {},
    logger,
    ...overrides,
  });
}

/** `n` valid, varied configurations named rule-00, rule-01, ... */
export function makeConfigs(n: number, prefix = 'rule'): RemediationConfiguration[] {
  return Array.from({ length: n }, (_, i) => ({
    ConfigRuleName: `${prefix}-${String(i).padStart(2, '0')}`,
    TargetType: 'SSM_DOCUMENT',
    TargetId: 'AWS-EnableS3BucketEncryption',
    TargetVersion: '1',
    Parameters: {
      BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
      SSEAlgorithm: { StaticValue: { Values: ['AES256'] } },
      AutomationAssumeRole: {
        StaticValue: { Values: [`arn:aws:iam::123456789012:role/remediation-${i}`] },
      },
    },
    ResourceType: 'AWS::S3::Bucket',
    Automatic: i % 2 === 0,
    ...(i % 2 === 0
      ? {
          ExecutionControls: {
            SsmControls: { ConcurrentExecutionRatePercentage: 10, ErrorPercentage: 40 },
          },
          MaximumAutomaticAttempts: 5,
          RetryAttemptSeconds: 600,
        }
      : {}),
  }));
}

/** A temporary directory removed by the returned function. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'aws-boundary-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The result of a child process. */
export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command asynchronously (the fixture lives in this process, so the event loop must stay
 * free). The environment is the current one minus every AWS_* variable, plus `env`.
 */
export function run(
  file: string,
  args: string[],
  env: Record<string, string>,
): Promise<ProcessResult> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('AWS_')) {
      base[k] = v;
    }
  }
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { env: { ...base, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * Runs the AWS CLI v1 against the fixture with the fixture's keys, empty shared config files,
 * no pager and IMDS disabled.
 */
export function runAwsCli(
  dir: string,
  fixture: AwsFixture,
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<ProcessResult> {
  const config = join(dir, 'empty-config');
  const credentials = join(dir, 'empty-credentials');
  writeFileSync(config, '');
  writeFileSync(credentials, '');
  return run('aws', [...args, '--endpoint-url', fixture.endpoint, '--region', 'us-east-1'], {
    AWS_ACCESS_KEY_ID: FIXTURE_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: FIXTURE_SECRET_ACCESS_KEY,
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extraEnv,
  });
}
