/**
 * The npm package `config-remediation` (cli/package.json): packed with `npm pack`, installed from
 * the tarball into a clean folder without the network, and run with `npx`, as a user would.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from './cliRunner';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: 120000,
    // No registry is needed: a request to one would fail the test instead of being made.
    env: {
      ...process.env,
      npm_config_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  bin?: Record<string, string>;
  files?: string[];
  dependencies?: Record<string, string>;
}

describe('npm package config-remediation (the CLI)', function () {
  this.timeout(240000);
  const manifest = JSON.parse(
    readFileSync(path.join(ROOT, 'cli', 'package.json'), 'utf8'),
  ) as PackageJson;

  it('is publishable: a bin, only dist/cli.js, no runtime dependencies, the root version', () => {
    assert.equal(manifest.name, 'config-remediation');
    assert.notEqual(manifest.private, true);
    assert.deepEqual(manifest.bin, { 'config-remediation': 'dist/cli.js' });
    assert.deepEqual(manifest.files, ['dist/cli.js']);
    assert.equal(manifest.dependencies, undefined);
    const root = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;
    assert.equal(manifest.version, root.version);
  });

  it('dist/cli.js needs nothing outside Node at run time', () => {
    const bundle = readFileSync(path.join(ROOT, 'dist', 'cli.js'), 'utf8');
    const required = new Set([...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
    // The SDK's optional CRT signer is required inside a try/catch and never installed.
    const external = [...required].filter(
      (name) =>
        !name.startsWith('node:') && !BUILTINS.has(name) && name !== '@aws-sdk/signature-v4-crt',
    );
    assert.deepEqual(external, []);
  });

  it('packs, installs offline from the tarball, and runs with npx', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'config-remediation-pack-'));
    const pack = run(NPM, ['pack', '--pack-destination', work], path.join(ROOT, 'cli'));
    assert.equal(pack.code, 0, pack.stderr);
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    assert.equal(tarball, `config-remediation-${manifest.version}.tgz`);
    const list = spawnSync('tar', ['tzf', path.join(work, tarball)], { encoding: 'utf8' });
    assert.deepEqual(list.stdout.trim().split('\n').sort(), [
      'package/LICENSE',
      'package/README.md',
      'package/dist/cli.js',
      'package/package.json',
    ]);

    const project = path.join(work, 'project');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), '{"name":"user-project","private":true}\n');
    const install = run(
      NPM,
      ['install', '--offline', '--no-audit', '--no-fund', path.join(work, tarball)],
      project,
    );
    assert.equal(install.code, 0, install.stderr);
    writeFileSync(
      path.join(project, 'bad.remediation.yaml'),
      'RemediationConfigurations:\n  - ConfigRuleName: r\n    TargetType: LAMBDA\n',
    );
    const check = run(NPX, ['--offline', 'config-remediation', 'check', '.'], project);
    assert.equal(check.code, 1, check.stderr);
    assert.match(check.stdout, /^bad\.remediation\.yaml:3:17 error RC103 /m);
    const version = run(NPX, ['--offline', 'config-remediation', '--version'], project);
    assert.equal(version.stdout.trim(), manifest.version);
  });
});

const BUILTINS = new Set(builtinModules);
