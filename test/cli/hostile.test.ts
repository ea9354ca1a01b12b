/**
 * The CLI on hostile file systems: unreadable files, thousands of files, symlink loops, FIFOs,
 * binary files, paths that are not what they seem, and a reader that goes away. Each case: a clear
 * one-line message, the right exit code, and never a stack trace.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CLI, runCli, type CliRun } from './cliRunner';

const BROKEN_YAML = 'RemediationConfigurations:\n  - ConfigRuleName: r\n    TargetType: LAMBDA\n';
const STACK_LINE = /^\s+at /m;

/** Runs the CLI in `cwd` and checks the invariants of every run: no stack trace, no crash. */
function run(cwd: string, ...args: string[]): CliRun {
  const result = runCli(args, { cwd });
  assert.doesNotMatch(result.stderr, STACK_LINE, `stack trace on stderr:\n${result.stderr}`);
  assert.doesNotMatch(result.stderr, /internal error/i, result.stderr);
  assert.ok(result.code !== null, 'the CLI did not exit by itself (killed by the timeout?)');
  return result;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
/** As root (CI containers), permissions do not deny reads: drop the capabilities that bypass them. */
const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((candidate) => existsSync(candidate));

/** Runs the CLI so that file permissions apply, or returns undefined when that is impossible here. */
function runWithPermissions(cwd: string, ...args: string[]): CliRun | undefined {
  if (!isRoot) return run(cwd, ...args);
  if (!setpriv) return undefined;
  const result = spawnSync(
    setpriv,
    ['--bounding-set', '-dac_override,-dac_read_search', process.execPath, CLI, ...args],
    { cwd, encoding: 'utf8', timeout: 60_000 },
  );
  if (result.error) return undefined;
  assert.doesNotMatch(result.stderr, STACK_LINE, result.stderr);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('CLI: hostile inputs', function () {
  this.timeout(120_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'config-remediation-hostile-'));
    mkdirSync(path.join(dir, 'many'));
    for (let i = 0; i < 3000; i++) {
      const name = `f${String(i).padStart(4, '0')}.remediation.yaml`;
      writeFileSync(path.join(dir, 'many', name), BROKEN_YAML.replace('r\n', `r${i}\n`));
    }
  });

  after(() => {
    // Make everything removable again (an unreadable folder would stop rmSync).
    try {
      chmodSync(path.join(dir, 'locked'), 0o755);
    } catch {
      // not created
    }
    rmSync(dir, { recursive: true, force: true });
  });

  function file(name: string, content: string | Buffer): string {
    const full = path.join(dir, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
    return name;
  }

  it('a missing file: one message, exit 2', () => {
    const result = run(dir, 'check', 'missing.remediation.json');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /missing\.remediation\.json: no such file or directory/);
  });

  it('an unreadable file: "permission denied", exit 2', function () {
    const name = file('secret.remediation.json', '{}');
    chmodSync(path.join(dir, name), 0o000);
    try {
      const result = runWithPermissions(dir, 'check', name);
      if (!result) this.skip(); // root without setpriv: permissions cannot deny a read
      assert.equal(result.code, 2);
      assert.match(result.stderr, /secret\.remediation\.json: permission denied/);
    } finally {
      chmodSync(path.join(dir, name), 0o644);
    }
  });

  it('an unreadable folder: "permission denied", exit 2', function () {
    mkdirSync(path.join(dir, 'locked'));
    file('locked/a.remediation.yaml', BROKEN_YAML);
    chmodSync(path.join(dir, 'locked'), 0o000);
    try {
      const result = runWithPermissions(dir, 'check', 'locked');
      if (!result) this.skip();
      assert.equal(result.code, 2);
      assert.match(result.stderr, /locked: permission denied/);
    } finally {
      chmodSync(path.join(dir, 'locked'), 0o755);
    }
  });

  it('a file the kernel refuses to read (EIO): one message, exit 2', function () {
    if (process.platform !== 'linux') this.skip();
    const result = run(dir, 'check', '/proc/self/mem');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^config-remediation: \/proc\/self\/mem: .+$/m);
  });

  it('a folder with 3000 files: all checked and reported, in bounded time', () => {
    const started = Date.now();
    const result = run(dir, 'check', '--format', 'json', 'many');
    const elapsed = Date.now() - started;
    assert.equal(result.code, 1);
    const output = JSON.parse(result.stdout) as { files: { path: string; diagnostics: unknown[] }[] };
    assert.equal(output.files.length, 3000);
    assert.ok(output.files.every((f) => f.diagnostics.length > 0));
    assert.ok(elapsed < 60_000, `took ${elapsed} ms`);
  }); // prettier-ignore

  it('symlink loops: a self-loop named explicitly is one message; loops inside folders end', () => {
    const inner = path.join(dir, 'loops', 'inner');
    mkdirSync(inner, { recursive: true });
    symlinkSync('self.json', path.join(inner, 'self.json'));
    symlinkSync('b.remediation.json', path.join(inner, 'a.remediation.json'));
    symlinkSync('a.remediation.json', path.join(inner, 'b.remediation.json'));
    symlinkSync('..', path.join(inner, 'parent'));
    symlinkSync('.', path.join(inner, 'here'));
    file('loops/ok.remediation.yaml', BROKEN_YAML);
    const explicit = run(dir, 'check', 'loops/inner/self.json');
    assert.equal(explicit.code, 2);
    assert.match(explicit.stderr, /inner\/self\.json: too many levels of symbolic links/);
    const walked = run(dir, 'check', 'loops');
    assert.equal(walked.code, 1, walked.stderr);
    // ok.remediation.yaml is reported once, not once per path through the loops.
    assert.equal(walked.stdout.match(/ok\.remediation\.yaml:2:/g)?.length, 1, walked.stdout);
  });

  it('symlinks out of a walked folder are not followed (a repository cannot make it read ~/.aws)', () => {
    file('outside/secret.remediation.yaml', 'RemediationConfigurations:\n  - TargetType: TOPSECRET\n');
    mkdirSync(path.join(dir, 'repo'));
    file('repo/own.remediation.yaml', BROKEN_YAML);
    symlinkSync('../outside/secret.remediation.yaml', path.join(dir, 'repo', 'link.remediation.yaml'));
    symlinkSync('../outside', path.join(dir, 'repo', 'folder'));
    symlinkSync('own.remediation.yaml', path.join(dir, 'repo', 'inside.remediation.yaml'));
    const walked = run(dir, 'check', 'repo');
    assert.doesNotMatch(walked.stdout, /TOPSECRET|secret\.remediation|link\.remediation/, walked.stdout);
    assert.match(walked.stdout, /own\.remediation\.yaml:2:/);
    // Named on the command line, the link is the user's choice and is read.
    const named = run(dir, 'check', 'repo/link.remediation.yaml');
    assert.match(named.stdout, /TOPSECRET/);
  }); // prettier-ignore

  it('a FIFO: refused by name (never blocks), skipped in a folder', function () {
    if (process.platform === 'win32') this.skip();
    mkdirSync(path.join(dir, 'fifo'));
    execFileSync('mkfifo', [path.join(dir, 'fifo', 'pipe.remediation.json')]);
    const explicit = run(dir, 'check', 'fifo/pipe.remediation.json');
    assert.equal(explicit.code, 2);
    assert.match(explicit.stderr, /pipe\.remediation\.json: not a regular file or directory/);
    // Nothing recognised in the folder: exit 2, unless --allow-empty (issue 18).
    assert.equal(run(dir, 'check', 'fifo').code, 2);
    const walked = run(dir, 'check', '--allow-empty', 'fifo');
    assert.equal(walked.code, 0, walked.stderr);
  });

  it('a binary file: one message when named, skipped in a folder', () => {
    const name = file('bin/image.remediation.json', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    const explicit = run(dir, 'check', name);
    assert.equal(explicit.code, 2);
    assert.match(explicit.stderr, /image\.remediation\.json: binary file, not JSON or YAML/);
    // Nothing recognised in the folder: exit 2, unless --allow-empty (issue 18).
    assert.equal(run(dir, 'check', 'bin').code, 2);
    const walked = run(dir, 'check', '--allow-empty', 'bin');
    assert.equal(walked.code, 0, walked.stderr);
  }); // prettier-ignore

  it('invalid UTF-8 without NUL bytes: checked, with syntax errors, exit 1', () => {
    const name = file('latin1.remediation.json', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    const result = run(dir, 'check', name);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /RC001/);
  });

  it('a file named as a folder ("file.json/"): one message, exit 2', () => {
    const name = file('plain.remediation.json', '{}');
    const result = run(dir, 'check', `${name}/`);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /plain\.remediation\.json\/: not a directory/);
  });

  it('an empty file and a file of NUL-free garbage: diagnostics, exit 1', () => {
    file('empty.remediation.json', '');
    file('garbage.remediation.yaml', '\u0001\u0002 ]]] {{{ : : -');
    const result = run(dir, 'check', 'empty.remediation.json', 'garbage.remediation.yaml');
    assert.equal(result.code, 1, result.stdout);
  });

  it('hostile content: 10 000 levels of nesting (RC006, exit 1) and 10 MB (RC005)', () => {
    file('deep.remediation.json', '['.repeat(10_000) + ']'.repeat(10_000));
    const deep = run(dir, 'check', 'deep.remediation.json');
    assert.equal(deep.code, 1);
    assert.match(deep.stdout, /RC006/);
    file('big.remediation.yaml', `# ${'x'.repeat(10 * 1024 * 1024)}\n`);
    const big = run(dir, 'check', 'big.remediation.yaml');
    assert.match(big.stdout, /RC005/);
  });

  it('a reader that goes away early (`check … | head -1`): no EPIPE stack trace', async () => {
    // 600 files print more than a pipe holds (64 KB), so the CLI writes after the reader left.
    for (let i = 0; i < 600; i++) file(`some/f${i}.remediation.yaml`, BROKEN_YAML);
    const child = spawn(process.execPath, [CLI, 'check', 'some'], { cwd: dir });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.doesNotMatch(stderr, STACK_LINE, stderr);
    assert.doesNotMatch(stderr, /EPIPE/, stderr);
    assert.ok(code === 0 || code === 1, `exit code ${code}`);
  });

  it('help and usage errors go without stack traces', () => {
    for (const args of [[], ['nope'], ['check'], ['check', '--format', 'xml', 'x'], ['check', '--bogus']]) {
      const result = run(dir, ...args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    }
    assert.ok(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node'));
  }); // prettier-ignore
});
