/**
 * The CI packaging: the pre-commit hook (.pre-commit-hooks.yaml) and the composite GitHub Action
 * (action.yml). pre-commit and the Actions runner cannot run here (no PyPI, no GitHub), so each
 * is run the way its runner runs it:
 * - pre-commit's `language: node`: `npm pack` of the repository, `npm install -g` of that and of
 *   `additional_dependencies` into the hook's own prefix, then the entry (split like a shell
 *   line) with the staged file names that match `files`;
 * - the Action's run step: bash with the `inputs.*` expressions replaced by the inputs, `npx`
 *   standing in for the registry with the packed CLI.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { CLI, ROOT, tempTree } from './cliRunner';

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  pass_filenames?: boolean;
  additional_dependencies?: string[];
}

interface ActionStep {
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs?: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const CLI_VERSION = (
  JSON.parse(readFileSync(path.join(ROOT, 'cli', 'package.json'), 'utf8')) as { version: string }
).version;

const BAD = 'RemediationConfigurations:\n  - ConfigRuleName: r\n    TargetType: LAMBDA\n';
const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Remediation:
    Type: AWS::Config::RemediationConfiguration
    Properties:
      ConfigRuleName: r
      TargetType: LAMBDA
      TargetId: AWS-DisableS3BucketPublicReadWrite
`;

const OFFLINE = {
  npm_config_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

function npm(args: string[], cwd: string): void {
  const run = spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    timeout: 120000,
    env: { ...process.env, ...OFFLINE },
  });
  assert.equal(run.status, 0, `npm ${args.join(' ')}: ${run.stderr}`);
}

/** pre-commit splits `entry` with shlex; ours has no quotes, so white space is enough. */
function splitEntry(entry: string): string[] {
  assert.doesNotMatch(entry, /["'\\]/);
  return entry.trim().split(/\s+/);
}

describe('CI packaging: pre-commit hook and GitHub Action', function () {
  this.timeout(300000);

  describe('.pre-commit-hooks.yaml', () => {
    const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
    const hook = hooks.find((h) => h.id === 'config-remediation-check');

    it('defines config-remediation-check: node, file names passed, the CLI of this version', () => {
      assert.ok(hook, 'hook config-remediation-check');
      assert.equal(hook.language, 'node');
      assert.notEqual(hook.pass_filenames, false);
      assert.deepEqual(hook.additional_dependencies, [`config-remediation@${CLI_VERSION}`]);
      assert.match(hook.entry, /^config-remediation check\b/);
      const files = new RegExp(hook.files);
      for (const name of [
        'a.remediation.yaml',
        'b.remediation.yml',
        'c.remediation.json',
        'd.jsonc',
        'stacks/template.yaml',
        'requests.json',
      ]) {
        assert.ok(files.test(name), `${name} is passed to the hook`);
      }
      for (const name of ['README.md', 'main.ts', 'a.yaml.bak']) {
        assert.ok(!files.test(name), `${name} is not passed to the hook`);
      }
    });

    it('runs as pre-commit runs it: packed, installed in its own prefix, entry + file names', () => {
      assert.ok(hook);
      const work = mkdtempSync(path.join(tmpdir(), 'config-remediation-hook-'));
      // pre-commit: `npm pack` in the hook repository, then `npm install -g` of it and of the
      // additional dependencies (here the packed CLI: the registry is not reachable offline).
      npm(['pack', '--pack-destination', work], ROOT);
      npm(['pack', '--pack-destination', work], path.join(ROOT, 'cli'));
      const tarballs = readdirSync(work)
        .filter((n) => n.endsWith('.tgz'))
        .map((n) => path.join(work, n));
      assert.equal(tarballs.length, 2);
      const prefix = path.join(work, 'env');
      npm(['install', '-g', '--prefix', prefix, ...tarballs], work);

      const repo = tempTree({
        'requests/bad.remediation.yaml': BAD,
        'stacks/template.yaml': TEMPLATE,
        'ok.remediation.json': '{"RemediationConfigurations": []}',
        'README.md': '# not passed',
      });
      const staged = [
        'requests/bad.remediation.yaml',
        'stacks/template.yaml',
        'ok.remediation.json',
        'README.md',
      ];
      const files = new RegExp(hook.files);
      const passed = staged.filter((name) => files.test(name));
      assert.deepEqual(passed, staged.slice(0, 3));
      const [command, ...args] = splitEntry(hook.entry);
      const env = {
        ...process.env,
        PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}`,
      };
      const failing = spawnSync(command, [...args, ...passed], {
        cwd: repo,
        encoding: 'utf8',
        env,
      });
      assert.equal(failing.status, 1, failing.stderr);
      assert.match(failing.stdout, /^requests\/bad\.remediation\.yaml:3:17 error RC103 /m);
      assert.match(failing.stdout, /^stacks\/template\.yaml:7:19 error RC103 /m);
      const clean = spawnSync(command, [...args, 'ok.remediation.json'], {
        cwd: repo,
        encoding: 'utf8',
        env,
      });
      assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    });
  });

  describe('action.yml', () => {
    const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
    const steps = action.runs.steps;
    const referenced = (text: string): string[] =>
      [...text.matchAll(/\$\{\{[^}]*?\binputs\.([\w-]+)/g)].map((m) => m[1]);
    const allText = JSON.stringify(action.runs) + JSON.stringify(action.outputs ?? {});

    it('is a composite action whose steps use only inputs it declares, and every input', () => {
      assert.equal(action.runs.using, 'composite');
      assert.ok(action.name && action.description);
      const declared = Object.keys(action.inputs);
      for (const name of ['paths', 'format', 'fail-on', 'sarif-upload'])
        assert.ok(declared.includes(name), name);
      const used = new Set(referenced(allText));
      assert.deepEqual(
        [...used].filter((n) => !declared.includes(n)),
        [],
        'undeclared inputs',
      );
      assert.deepEqual(
        declared.filter((n) => !used.has(n)),
        [],
        'unused inputs',
      );
      for (const step of steps) {
        if (step.run !== undefined)
          assert.equal(step.shell, 'bash', 'composite run steps need a shell');
        assert.ok(step.run !== undefined || step.uses !== undefined);
      }
      const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
      assert.ok(upload, 'uploads SARIF');
      assert.match(upload.if ?? '', /inputs\.sarif-upload == 'true'/);
      assert.equal(upload.with?.sarif_file, '${{ inputs.sarif-file }}');
      assert.equal(action.inputs.version.default, CLI_VERSION);
      assert.match(action.outputs?.['exit-code']?.value ?? '', /steps\.check\.outputs\.exit-code/);
    });

    /** Runs the check step in bash, as the runner would, with `npx` running the built CLI. */
    function runStep(inputs: Record<string, string>, cwd: string) {
      const step = steps.find((s) => s.id === 'check');
      assert.ok(step?.run && step.env);
      const values: Record<string, string> = {};
      for (const [name, input] of Object.entries(action.inputs))
        values[name] = inputs[name] ?? input.default ?? '';
      const env: Record<string, string> = {};
      for (const [key, expression] of Object.entries(step.env)) {
        env[key] = expression.replace(
          /\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g,
          (_, n: string) => values[n],
        );
      }
      const bin = mkdtempSync(path.join(tmpdir(), 'config-remediation-npx-'));
      // npx --yes config-remediation@VERSION ARGS… → node dist/cli.js ARGS… (version checked).
      writeFileSync(
        path.join(bin, 'npx'),
        `#!/bin/sh\n[ "$1" = "--yes" ] && [ "$2" = "config-remediation@${values.version}" ] || { echo "unexpected npx $*" >&2; exit 99; }\nshift 2\nexec "${process.execPath}" "${CLI}" "$@"\n`,
      );
      chmodSync(path.join(bin, 'npx'), 0o755);
      const output = path.join(bin, 'github-output');
      writeFileSync(output, '');
      const run = spawnSync('bash', ['-e', '-c', step.run], {
        cwd,
        encoding: 'utf8',
        env: {
          ...process.env,
          ...env,
          GITHUB_OUTPUT: output,
          PATH: `${bin}${path.delimiter}${process.env.PATH}`,
        },
      });
      return {
        code: run.status,
        stdout: run.stdout,
        stderr: run.stderr,
        outputs: readFileSync(output, 'utf8'),
      };
    }

    it('annotates, fails on errors, writes SARIF, and honours fail-on', () => {
      const repo = tempTree({
        'requests/bad.remediation.yaml': BAD,
        'requests/ok.remediation.json': '{"RemediationConfigurations": []}',
      });
      const failing = runStep({ paths: 'requests', 'sarif-upload': 'true' }, repo);
      assert.equal(failing.code, 1, failing.stderr);
      assert.match(
        failing.stdout,
        /^::error file=requests\/bad\.remediation\.yaml,line=3,col=17,/m,
      );
      assert.equal(failing.outputs.trim(), 'exit-code=1');
      const sarif = JSON.parse(
        readFileSync(path.join(repo, 'config-remediation.sarif'), 'utf8'),
      ) as { version: string; runs: { results: unknown[] }[] };
      assert.equal(sarif.version, '2.1.0');
      assert.ok(sarif.runs[0].results.length > 0);
      assert.equal(runStep({ paths: 'requests', 'fail-on': 'never' }, repo).code, 0);
      const clean = runStep({ paths: 'requests/ok.remediation.json\n' }, repo);
      assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    });

    it('fail-on warning fails on a warning alone; a bad fail-on is refused', () => {
      const warningOnly =
        'RemediationConfigurations:\n  - ConfigRuleName: r\n    TargetType: SSM_DOCUMENT\n    TargetId: AWS-DisableS3BucketPublicReadWrite\n    Parameters:\n      S3BucketName:\n        ResourceValue:\n          Value: RESOURCE_ID\n    ResourceType: AWS::S3::Bucket\n';
      const repo = tempTree({ 'w.remediation.yaml': warningOnly });
      const byDefault = runStep({}, repo);
      assert.equal(byDefault.code, 0, byDefault.stdout);
      assert.match(byDefault.stdout, /^::warning /m);
      assert.equal(runStep({ 'fail-on': 'warning' }, repo).code, 1);
      assert.equal(runStep({ 'fail-on': 'sometimes' }, repo).code, 2);
      mkdirSync(path.join(repo, 'empty'));
      assert.equal(runStep({ paths: 'empty' }, repo).code, 2, 'nothing found fails the job');
    });
  });
});
