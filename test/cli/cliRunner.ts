import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FIXTURE_ACCESS_KEY_ID, FIXTURE_SECRET_ACCESS_KEY } from '../fixtures/awsFixture';

export const ROOT = path.join(__dirname, '..', '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI (dist/cli.js) and captures its output. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    input: options.input,
    encoding: 'utf8',
    timeout: 60000,
    // Large outputs (thousands of files) must not be cut off (the default is 1 MB).
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary folder with the given files (relative path → content). */
export function tempTree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'config-remediation-'));
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

/**
 * The environment of a CLI run against the loopback AWS fixture: the ambient `AWS_*` variables
 * left out (nothing of the developer's own AWS set-up reaches the run), the fixture's keys, and
 * empty config and credentials files written in `dir`.
 */
export function fixtureCliEnv(dir: string): Record<string, string> {
  const config = path.join(dir, 'empty-config');
  const credentials = path.join(dir, 'empty-credentials');
  writeFileSync(config, '');
  writeFileSync(credentials, '');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('AWS_')) env[key] = value;
  }
  return {
    ...env,
    AWS_ACCESS_KEY_ID: FIXTURE_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: FIXTURE_SECRET_ACCESS_KEY,
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
