/**
 * Neovim (Debian's 0.7) as a second, independent LSP client: the headless harness
 * test/e2e/nvim/lspClient.lua starts `node dist/server.js --stdio` with `vim.lsp.start_client`,
 * opens a file, waits for the pushed `textDocument/publishDiagnostics` (0.7 has no pull
 * diagnostics), then asks for a completion and a hover. Needs `nvim` (CI installs it with
 * scripts/e2e/install-system-deps.sh): a missing nvim fails, it is never skipped.
 */
import * as assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, RESULTS_DIR } from './codeServer';

const HARNESS = path.join(REPO_ROOT, 'test', 'e2e', 'nvim', 'lspClient.lua');
const SERVER = path.join(REPO_ROOT, 'dist', 'server.js');
const OUT_DIR = path.join(RESULTS_DIR, 'nvim');

interface LspDiagnostic {
  code?: string | number;
  severity?: number;
  source?: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

interface HarnessReport {
  ok: boolean;
  errors: string[];
  nvim: string;
  publishCount?: number;
  diagnostics?: LspDiagnostic[];
  completion?: { labels: string[] };
  hover?: { text?: string };
  timings: Record<string, number>;
}

interface HarnessRun {
  file: string;
  name: string;
  completionPos?: string;
  hoverPos?: string;
  settings?: unknown;
}

/** Runs the harness once (bounded) and returns its report; the report file stays as an artifact. */
function runHarness(run: HarnessRun): Promise<HarnessReport> {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const out = path.join(OUT_DIR, `${run.name}.json`);
  fs.rmSync(out, { force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LSP_CMD: JSON.stringify([process.execPath, SERVER, '--stdio']),
    LSP_FILE: run.file,
    LSP_OUT: out,
    LSP_ROOT: REPO_ROOT,
    LSP_MIN_DIAGNOSTICS: '1',
    LSP_TIMEOUT_MS: '20000',
    // A private state dir, so the LSP log does not land in the user's ~/.local/state.
    XDG_STATE_HOME: path.join(OUT_DIR, 'state'),
    XDG_CACHE_HOME: path.join(OUT_DIR, 'cache'),
  };
  if (run.completionPos) env.LSP_COMPLETION_POS = run.completionPos;
  if (run.hoverPos) env.LSP_HOVER_POS = run.hoverPos;
  if (run.settings) env.LSP_SETTINGS = JSON.stringify(run.settings);
  return new Promise((resolve, reject) => {
    execFile(
      'nvim',
      ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${HARNESS}`],
      { cwd: REPO_ROOT, env, timeout: 60_000 },
      (err, _stdout, stderr) => {
        let report: HarnessReport | undefined;
        try {
          report = JSON.parse(fs.readFileSync(out, 'utf8')) as HarnessReport;
        } catch {
          // no report: reported below with nvim's stderr
        }
        if (!report) {
          reject(new Error(`nvim wrote no report (${err?.message ?? 'exit 0'}):\n${stderr}`));
        } else if (!report.ok || err) {
          reject(new Error(`harness failed: ${report.errors.join('; ')}\n${stderr}`));
        } else {
          resolve(report);
        }
      },
    );
  });
}

/** "RC103@4" (0-based line) for each diagnostic, for readable assertions. */
function codesAtLines(report: HarnessReport): string[] {
  return (report.diagnostics ?? []).map((d) => `${String(d.code)}@${d.range.start.line}`);
}

function assertIncludes(actual: string[], expected: string[]): void {
  const missing = expected.filter((e) => !actual.includes(e));
  assert.deepEqual(missing, [], `missing ${missing.join(', ')} in ${actual.join(', ')}`);
}

describe('Neovim 0.7 as an LSP client of dist/server.js --stdio', function () {
  this.timeout(90_000);
  const yamlFile = path.join(REPO_ROOT, 'examples/with-problems/api-constraints.remediation.yaml');
  const jsonFile = path.join(
    REPO_ROOT,
    'examples/with-problems/types-and-lengths.remediation.json',
  );

  before(function () {
    try {
      execFileSync('nvim', ['--version'], { stdio: 'pipe', timeout: 10_000 });
    } catch {
      throw new Error(
        'nvim is not installed: run `bash scripts/e2e/install-system-deps.sh` (Debian neovim)',
      );
    }
    if (!fs.existsSync(SERVER)) throw new Error('dist/server.js is missing: run `npm run build`');
  });

  it('YAML: pushes diagnostics with codes and lines, completes an enum value, hovers a member', async () => {
    const report = await runHarness({
      name: 'yaml',
      file: yamlFile,
      completionPos: '4:16', // after "TargetType: "
      hoverPos: '3:8', // on "ConfigRuleName"
    });
    assert.match(report.nvim, /^0\.\d+\.\d+$/);
    assertIncludes(codesAtLines(report), [
      'RC103@4', // TargetType: LAMBDA
      'RC102@8', // staticValue
      'RC101@18', // Values: my-log-bucket
      'RC106@20', // MaximumAutomaticAttempts: 100
      'RC106@23', // ErrorPercentage: 200
    ]);
    const rc103 = report.diagnostics?.find((d) => d.code === 'RC103');
    assert.deepEqual(rc103?.range, {
      start: { line: 4, character: 16 },
      end: { line: 4, character: 22 },
    });
    assert.equal(rc103?.severity, 1);
    assert.equal(rc103?.source, 'aws-config-remediation');
    assert.deepEqual(report.completion?.labels, ['SSM_DOCUMENT']);
    assert.match(report.hover?.text ?? '', /\*\*ConfigRuleName\*\*/);
    assert.match(report.hover?.text ?? '', /The name of the Config rule\./);
  });

  it('JSON: pushes diagnostics with codes and lines, completes missing keys, hovers a member', async () => {
    const report = await runHarness({
      name: 'json',
      file: jsonFile,
      completionPos: '11:7', // in the key "configRuleName" of the second configuration
      hoverPos: '4:8', // on "TargetType"
    });
    assertIncludes(codesAtLines(report), [
      'RC105@3', // "ConfigRuleName": "   "
      'RC101@6', // "Automatic": "true"
      'RC101@7', // "RetryAttemptSeconds": 60.5
      'RC106@8', // ConcurrentExecutionRatePercentage: 0
      'RC102@11', // "configRuleName"
      'RC101@15', // "Value": ["RESOURCE_ID"]
    ]);
    const labels = report.completion?.labels ?? [];
    assertIncludes(labels, ['ConfigRuleName', 'ResourceType', 'Automatic']);
    assert.ok(!labels.includes('TargetId'), `TargetId is present already: ${labels.join(', ')}`);
    assert.match(report.hover?.text ?? '', /\*\*TargetType\*\*/);
  });

  it("the README's Neovim setup works as written", async () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Other editors'));
    const snippet = /```lua\n([\s\S]*?)```/.exec(section)?.[1];
    assert.ok(snippet, 'README "Other editors" has a lua block');
    const placeholder = '/path/to/aws-config-remediation/dist/server.js';
    assert.ok(
      snippet.includes(placeholder),
      'the snippet names the server by its placeholder path',
    );
    const dir = path.join(OUT_DIR, 'readme');
    fs.mkdirSync(dir, { recursive: true });
    const init = path.join(dir, 'init.lua');
    fs.writeFileSync(init, snippet.replace(placeholder, SERVER));
    const out = path.join(dir, 'report.json');
    fs.rmSync(out, { force: true });
    // After startup: wait (bounded) for the pushed diagnostics with the setting applied.
    const check = path.join(dir, 'check.lua');
    fs.writeFileSync(
      check,
      [
        'local function ours() return vim.diagnostic.get(0) end',
        'local function settled()',
        '  for _, d in ipairs(ours()) do',
        "    if d.code == 'RC102' and d.severity == vim.diagnostic.severity.WARN then return true end",
        '  end',
        '  return false',
        'end',
        'local ok = vim.wait(20000, settled, 20)',
        'local report = { ok = ok, omnifunc = vim.bo.omnifunc, diagnostics = {} }',
        'for _, d in ipairs(ours()) do',
        '  table.insert(report.diagnostics, { code = d.code, line = d.lnum, severity = d.severity })',
        'end',
        `local f = assert(io.open(${JSON.stringify(out)}, 'w'))`,
        'f:write(vim.fn.json_encode(report))',
        'f:close()',
        "vim.cmd('qall!')",
      ].join('\n'),
    );
    await new Promise<void>((resolve, reject) => {
      execFile(
        'nvim',
        ['--headless', '-u', init, '-i', 'NONE', '-n', yamlFile, '-c', `luafile ${check}`],
        {
          cwd: REPO_ROOT,
          timeout: 60_000,
          env: {
            ...process.env,
            XDG_STATE_HOME: path.join(OUT_DIR, 'state'),
            XDG_CACHE_HOME: path.join(OUT_DIR, 'cache'),
          },
        },
        (err, _stdout, stderr) =>
          err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(),
      );
    });
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as {
      ok: boolean;
      omnifunc: string;
      diagnostics: { code: string; line: number; severity: number }[];
    };
    assert.equal(report.ok, true, `settings not applied: ${JSON.stringify(report.diagnostics)}`);
    assert.equal(report.omnifunc, 'v:lua.vim.lsp.omnifunc');
    const codes = report.diagnostics.map((d) => `${d.code}@${d.line}`);
    assertIncludes(codes, ['RC103@4', 'RC102@8', 'RC106@20']);
  });

  it('applies rule levels pushed by the client (workspace/didChangeConfiguration)', async () => {
    const report = await runHarness({
      name: 'yaml-settings',
      file: yamlFile,
      settings: { awsConfigRemediation: { rules: { RC106: 'off', 'unknown-member': 'warning' } } },
    });
    const codes = codesAtLines(report);
    assert.ok(!codes.some((c) => c.startsWith('RC106@')), codes.join(', '));
    const unknown = report.diagnostics?.find((d) => d.code === 'RC102');
    assert.equal(unknown?.severity, 2, 'unknown-member lowered to a warning');
  });
});
