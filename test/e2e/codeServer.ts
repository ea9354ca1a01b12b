/**
 * Real-editor test helpers: code-server (VS Code 1.100.3 web, Node 20 extension host) driven by
 * playwright-core + Debian Chromium. See test/e2e/README.md and docs/REAL-VSCODE.md.
 *
 * Prerequisites (once per machine, cached): scripts/e2e/install-system-deps.sh and
 * scripts/e2e/setup-code-server.sh.
 *
 * Nothing here sleeps for a fixed time: every wait polls a condition (HTTP answer, file,
 * selector) with a bounded timeout.
 */
import { spawn, execFile } from 'child_process';
import type { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

// ---------------------------------------------------------------------------------------------
// Paths

function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        const name = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name;
        if (name === 'aws-config-remediation') return dir;
      } catch {
        // not our manifest; keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`repository root not found above ${start}`);
    dir = parent;
  }
}

/** Repository root (works from test/e2e/*.ts and from the compiled out/test/e2e/*.js). */
export const REPO_ROOT = process.env.E2E_REPO_ROOT ?? findRepoRoot(__dirname);
export const CODE_SERVER_DIR =
  process.env.CODE_SERVER_CACHE ?? path.join(REPO_ROOT, '.cache', 'code-server');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'package', 'out', 'node', 'entry.js');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
export const LOGS_DIR = path.join(RESULTS_DIR, 'logs');
export const SCREENSHOTS_DIR = path.join(RESULTS_DIR, 'screenshots');
export const RUNNER_EXTENSION_SRC = path.join(REPO_ROOT, 'test', 'e2e', 'runnerExtension');
export const RUNNER_EXTENSION_ID = 'e2e.e2e-test-runner';
export const MOCHA_PATH = path.join(REPO_ROOT, 'node_modules', 'mocha');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Throws a helpful error when the cached code-server install or Chromium is missing. */
export function assertPrerequisites(): void {
  if (!fs.existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(
      `code-server not installed at ${CODE_SERVER_ENTRY}: run scripts/e2e/install-system-deps.sh ` +
        'and scripts/e2e/setup-code-server.sh',
    );
  }
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: run scripts/e2e/install-system-deps.sh`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Generic bounded waits

export interface WaitOptions {
  timeoutMs?: number;
  /** Poll interval while the condition is false. */
  intervalMs?: number;
  /** Used in the timeout error message. */
  description?: string;
}

/**
 * Polls `probe` until it returns a value other than `undefined`/`false`, or throws after
 * `timeoutMs`. Errors thrown by the probe count as "not yet" (the last one is reported).
 */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  options: WaitOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${options.description ?? 'condition'}${why}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Waits until `file` exists and is non-empty; returns its text. */
export function waitForFile(file: string, options: WaitOptions = {}): Promise<string> {
  return waitFor(
    () => {
      if (!fs.existsSync(file)) return undefined;
      const text = fs.readFileSync(file, 'utf8');
      return text.length > 0 ? text : undefined;
    },
    { description: `file ${file}`, ...options },
  );
}

/** Waits until `file` exists and parses as JSON; returns the parsed value. */
export async function waitForJsonFile<T>(file: string, options: WaitOptions = {}): Promise<T> {
  return waitFor(
    () => {
      if (!fs.existsSync(file)) return undefined;
      return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
    },
    { description: `JSON file ${file}`, ...options },
  );
}

// ---------------------------------------------------------------------------------------------
// Temp dirs, user data, settings

const tempDirs = new Set<string>();

/**
 * A fresh directory under the OS temp dir. Removed when the process exits (or by
 * `removeTempDirs()`) unless E2E_KEEP_TEMP=1.
 */
export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `acr-e2e-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

/** Deletes the temp dirs made by `makeTempDir` so far (stop code-server first). */
export function removeTempDirs(): void {
  if (process.env.E2E_KEEP_TEMP === '1') return;
  for (const dir of tempDirs) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort
    }
  }
  tempDirs.clear();
}

export interface UserDataOptions {
  /**
   * true (default): workspace trust disabled, so every folder is trusted.
   * false: trust enabled and the folder is not trusted, so the window opens in Restricted Mode.
   */
  trusted?: boolean;
  /** Untrusted only: the startup "Do you trust the authors" prompt. Default 'never'. */
  trustPrompt?: 'never' | 'once' | 'always';
  /** Extra user settings, merged over the defaults. */
  settings?: Record<string, unknown>;
  /** Use this directory instead of a new temp one. */
  dir?: string;
}

/** Settings that keep the workbench quiet and deterministic in tests. */
export const DEFAULT_TEST_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
};

/** Creates a user-data dir with `User/settings.json`; returns its path. */
export function createUserDataDir(options: UserDataOptions = {}): string {
  const dir = options.dir ?? makeTempDir('data');
  const trusted = options.trusted ?? true;
  const trustSettings: Record<string, unknown> = trusted
    ? { 'security.workspace.trust.enabled': false }
    : {
        'security.workspace.trust.enabled': true,
        'security.workspace.trust.startupPrompt': options.trustPrompt ?? 'never',
        'security.workspace.trust.banner': 'always',
        'security.workspace.trust.untrustedFiles': 'open',
      };
  const settings = { ...DEFAULT_TEST_SETTINGS, ...trustSettings, ...(options.settings ?? {}) };
  fs.mkdirSync(path.join(dir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Extensions

interface ExtensionManifest {
  name: string;
  publisher: string;
  version: string;
  extensionDependencies?: string[];
}

function readManifest(dir: string): ExtensionManifest {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
  ) as Partial<ExtensionManifest>;
  if (!manifest.name || !manifest.publisher || !manifest.version) {
    throw new Error(`${dir}/package.json needs name, publisher and version`);
  }
  return manifest as ExtensionManifest;
}

export interface InstalledExtension {
  id: string;
  dir: string;
}

/**
 * Copies an extension folder (package.json + built files) into
 * `extensionsDir/<publisher>.<name>-<version>/` and lists it in `extensions.json` if that exists.
 * `node_modules`, `.git`, `.vscode-test`, `.cache`, `test-results` are skipped unless
 * `includeNodeModules`; `only` restricts the copy to some top-level entries. Returns id + folder.
 */
export function installExtensionFolder(
  srcDir: string,
  extensionsDir: string,
  options: {
    includeNodeModules?: boolean;
    /** Copy only these top-level entries (e.g. ['package.json', 'dist', 'syntaxes']). */
    only?: string[];
    manifestOverrides?: Record<string, unknown>;
  } = {},
): InstalledExtension {
  const manifest = readManifest(srcDir);
  const id = `${manifest.publisher}.${manifest.name}`;
  const target = path.join(extensionsDir, `${id}-${manifest.version}`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const skip = new Set(['.git', '.vscode-test', '.cache', 'test-results']);
  if (!options.includeNodeModules) skip.add('node_modules');
  const only = options.only ? new Set(['package.json', ...options.only]) : undefined;
  fs.cpSync(srcDir, target, {
    recursive: true,
    filter: (src) => {
      if (src === srcDir) return true;
      const top = path.relative(srcDir, src).split(path.sep)[0];
      return only ? only.has(top) : !skip.has(top);
    },
  });
  if (options.manifestOverrides) {
    const manifestPath = path.join(target, 'package.json');
    const merged = { ...readManifest(target), ...options.manifestOverrides };
    fs.writeFileSync(manifestPath, JSON.stringify(merged, null, 2));
  }
  registerInExtensionsJson(extensionsDir, id, manifest.version, target);
  return { id, dir: target };
}

/**
 * VS Code scans an extensions dir into `extensions.json` once (first start or first CLI
 * install); after that, only extensions listed there load. So a folder copied in after a .vsix
 * install (or after a previous start) must be added to the list too.
 */
function registerInExtensionsJson(
  extensionsDir: string,
  id: string,
  version: string,
  folder: string,
): void {
  const file = path.join(extensionsDir, 'extensions.json');
  if (!fs.existsSync(file)) return; // scanned from the folders on first start
  const entries = (
    JSON.parse(fs.readFileSync(file, 'utf8')) as { identifier?: { id?: string } }[]
  ).filter((e) => e.identifier?.id?.toLowerCase() !== id.toLowerCase());
  entries.push({
    identifier: { id },
    version,
    location: { $mid: 1, fsPath: folder, path: folder, scheme: 'file' },
    relativeLocation: path.basename(folder),
  } as { identifier: { id: string } });
  fs.writeFileSync(file, JSON.stringify(entries));
}

function execNode(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`${args.join(' ')} failed: ${err.message}\n${stdout}\n${stderr}`));
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
  });
}

/**
 * Installs a .vsix with code-server's CLI (`--install-extension FILE.vsix --force`) into
 * `extensionsDir` (as `<publisher>.<name>-<version>/`). Returns the id, folder and CLI output.
 */
export async function installVsix(
  vsixPath: string,
  extensionsDir: string,
  userDataDir: string = makeTempDir('vsix-data'),
): Promise<InstalledExtension & { output: string }> {
  assertPrerequisites();
  fs.mkdirSync(extensionsDir, { recursive: true });
  const before = new Set(fs.readdirSync(extensionsDir));
  const xdg = makeTempDir('xdg');
  const { stdout, stderr } = await execNode(
    [
      CODE_SERVER_ENTRY,
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      userDataDir,
      '--install-extension',
      path.resolve(vsixPath),
      '--force',
    ],
    { ...cleanEnv(), XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg },
    120_000,
  );
  const out = `${stdout}${stderr}`;
  if (!/successfully installed/i.test(out)) {
    throw new Error(`installing ${vsixPath} did not report success:\n${out}`);
  }
  const folders = fs
    .readdirSync(extensionsDir)
    .filter((d) => fs.existsSync(path.join(extensionsDir, d, 'package.json')));
  const added = folders.filter((d) => !before.has(d));
  // A reinstall (--force) of the same version reuses its folder: take the newest one then.
  const newest = folders
    .map((d) => ({ d, t: fs.statSync(path.join(extensionsDir, d)).mtimeMs }))
    .sort((a, b) => b.t - a.t)[0]?.d;
  const folder = added.length === 1 ? added[0] : newest;
  if (!folder) throw new Error(`no extension folder in ${extensionsDir} after install:\n${out}`);
  const dir = path.join(extensionsDir, folder);
  const manifest = readManifest(dir);
  return { id: `${manifest.publisher}.${manifest.name}`, dir, output: out };
}

export interface RunnerConfig {
  /** Compiled mocha suite files (bdd: describe/it), absolute paths. */
  suiteFiles: string[];
  /** Where the runner writes the JSON results (absolute). */
  resultsFile: string;
  /** Absolute path of the mocha package to load; default <repo>/node_modules/mocha. */
  mochaPath?: string;
  timeoutMs?: number;
  grep?: string;
}

/** The JSON the runner extension writes. */
export interface RunnerResults {
  passes: number;
  failures: number;
  pending: number;
  total: number;
  durationMs?: number;
  tests: {
    title: string;
    fullTitle: string;
    state: 'passed' | 'failed' | 'pending';
    durationMs?: number;
    error?: { message: string; stack?: string; actual?: string; expected?: string };
  }[];
  failureMessages: string[];
  error?: { message: string; stack?: string };
  environment?: {
    vscodeVersion: string;
    isTrusted: boolean;
    workspaceFolders: string[];
    extensionHostPid: number;
    node: string;
  };
}

/**
 * Installs the in-editor mocha runner (test/e2e/runnerExtension) into `extensionsDir`.
 * `extensionDependencies` (e.g. the extension under test) are activated by VS Code before the
 * runner activates.
 */
export function installRunnerExtension(
  extensionsDir: string,
  options: { extensionDependencies?: string[] } = {},
): InstalledExtension {
  return installExtensionFolder(RUNNER_EXTENSION_SRC, extensionsDir, {
    manifestOverrides: { extensionDependencies: options.extensionDependencies ?? [] },
  });
}

/**
 * Writes a runner config file and returns its path. Pass it to code-server as env var
 * `E2E_RUNNER_CONFIG` (see `runnerEnv`) or as the user setting `e2eTestRunner.config`.
 */
export function writeRunnerConfig(config: RunnerConfig, file?: string): string {
  const target = file ?? path.join(makeTempDir('runner'), 'runner-config.json');
  const full: RunnerConfig = { mochaPath: MOCHA_PATH, timeoutMs: 20_000, ...config };
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, JSON.stringify(full, null, 2));
  return target;
}

/** Env for `startCodeServer` that tells the runner extension what to run. */
export function runnerEnv(configFile: string): Record<string, string> {
  return { E2E_RUNNER_CONFIG: configFile };
}

// ---------------------------------------------------------------------------------------------
// code-server process

/** Frees port 0 on 127.0.0.1 and returns the port the OS picked. */
export function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** process.env without variables of an enclosing VS Code / Electron that confuse code-server. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') continue;
    env[key] = value;
  }
  return env;
}

function sanitize(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
}

export interface StartOptions {
  /** Folder opened in the workbench (also passed as the positional argument). */
  workspace: string;
  /** Default: `createUserDataDir()` (trusted). */
  userDataDir?: string;
  /** Default: a new empty temp dir. */
  extensionsDir?: string;
  /** Extra env for code-server and its extension host (e.g. `runnerEnv(...)`). */
  env?: Record<string, string>;
  /** Name for the log file `test-results/logs/<name>-<port>.log`. */
  name?: string;
  /** Per attempt: how long to wait for the HTTP endpoint. Default 60 s. */
  startTimeoutMs?: number;
  /** Start attempts (new port each time). Default 3. */
  attempts?: number;
  extraArgs?: string[];
}

export interface CodeServer {
  port: number;
  baseUrl: string;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  process: ChildProcess;
  /** Workbench URL opening `folder` (default: the workspace). */
  folderUrl(folder?: string): string;
  /** Kills the whole process group (server, extension host, language servers). Idempotent. */
  stop(): Promise<void>;
}

const liveGroups = new Set<number>();
process.once('exit', () => {
  // Last resort if a test run dies without calling stop(): no orphaned code-servers.
  for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  removeTempDirs();
});

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function stopProcessGroup(child: ChildProcess, graceMs = 10_000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(pid, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => {
    const t = setTimeout(() => resolve('timeout'), graceMs);
    t.unref();
  });
  if ((await Promise.race([exited.then(() => 'exited' as const), timer])) === 'timeout') {
    killGroup(pid, 'SIGKILL');
    await exited;
  }
  // Children of the group (extension host, language servers) may outlive the leader briefly.
  killGroup(pid, 'SIGKILL');
  await waitFor(() => !groupAlive(pid), {
    timeoutMs: 5_000,
    intervalMs: 50,
    description: `process group ${pid} to exit`,
  }).catch(() => undefined); // a zombie nobody reaps must not fail the test run
  liveGroups.delete(pid);
}

/** True while any non-zombie process of group `pgid` exists (Linux /proc). */
export function groupAlive(pgid: number): boolean {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return false;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid pgrp ...; comm may contain spaces, so split after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z' && Number(fields[2]) === pgid) return true;
    } catch {
      // process vanished
    }
  }
  return false;
}

async function httpAnswers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.status < 500;
  } catch {
    return false;
  }
}

async function startOnce(
  options: StartOptions,
  userDataDir: string,
  extensionsDir: string,
  attempt: number,
): Promise<CodeServer> {
  const port = await getFreePort();
  fs.mkdirSync(LOGS_DIR, { recursive: true });
  const logFile = path.join(LOGS_DIR, `${sanitize(options.name ?? 'code-server')}-${port}.log`);
  const logFd = fs.openSync(logFile, 'a');
  const xdg = makeTempDir('xdg');
  const args = [
    CODE_SERVER_ENTRY,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    ...(options.extraArgs ?? []),
    options.workspace,
  ];
  fs.writeSync(logFd, `# attempt ${attempt}: node ${args.join(' ')}\n`);
  const child = spawn(process.execPath, args, {
    cwd: options.workspace,
    env: { ...cleanEnv(), XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg, ...(options.env ?? {}) },
    stdio: ['ignore', logFd, logFd],
    detached: true, // own process group, so stop() reaches the extension host too
  });
  fs.closeSync(logFd);
  if (child.pid !== undefined) liveGroups.add(child.pid);
  let exitInfo: string | undefined;
  child.once('exit', (code, signal) => {
    exitInfo = `exited with ${code ?? signal}`;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const server: CodeServer = {
    port,
    baseUrl,
    workspace: options.workspace,
    userDataDir,
    extensionsDir,
    logFile,
    process: child,
    folderUrl: (folder = options.workspace) => `${baseUrl}/?folder=${encodeURIComponent(folder)}`,
    stop: () => stopProcessGroup(child),
  };
  try {
    const state = await waitFor<'ready' | 'exited'>(
      async () => {
        if (exitInfo) return 'exited';
        return (await httpAnswers(`${baseUrl}/healthz`)) ? 'ready' : undefined;
      },
      {
        timeoutMs: options.startTimeoutMs ?? 60_000,
        intervalMs: 150,
        description: `code-server on ${baseUrl}`,
      },
    );
    if (state === 'exited') throw new Error(`code-server ${exitInfo} before answering`);
  } catch (err) {
    await server.stop();
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
    throw new Error(`${(err as Error).message}; log ${logFile}:\n${tail}`);
  }
  return server;
}

/**
 * Starts code-server on 127.0.0.1:<free port> and waits until its HTTP endpoint answers.
 * Retries with a new port (default 3 attempts). Output goes to `test-results/logs/`.
 * Note: the extension host only starts once a browser opens the workbench (`openWorkbench`).
 */
export async function startCodeServer(options: StartOptions): Promise<CodeServer> {
  assertPrerequisites();
  const userDataDir = options.userDataDir ?? createUserDataDir();
  const extensionsDir = options.extensionsDir ?? makeTempDir('ext');
  fs.mkdirSync(extensionsDir, { recursive: true });
  const attempts = options.attempts ?? 3;
  const errors: string[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await startOnce(options, userDataDir, extensionsDir, attempt);
    } catch (err) {
      errors.push(`attempt ${attempt}: ${(err as Error).message}`);
    }
  }
  throw new Error(`code-server did not start:\n${errors.join('\n')}`);
}

// ---------------------------------------------------------------------------------------------
// Browser

/** Launches Debian Chromium (headless) through playwright-core. */
export function launchBrowser(options: { headless?: boolean } = {}): Promise<Browser> {
  assertPrerequisites();
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    args: CHROMIUM_ARGS,
  });
}

export interface Workbench {
  context: BrowserContext;
  page: Page;
  /** Browser console messages and page errors, also appended to `test-results/logs/`. */
  consoleLog: string[];
}

/**
 * Opens the workbench for `folder` (default: the server's workspace) in a new browser context
 * and waits for the workbench to render. This is what starts the extension host.
 */
export async function openWorkbench(
  browser: Browser,
  server: CodeServer,
  options: {
    folder?: string;
    timeoutMs?: number;
    viewport?: { width: number; height: number };
  } = {},
): Promise<Workbench> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1400, height: 900 },
  });
  const page = await context.newPage();
  const consoleLog: string[] = [];
  fs.mkdirSync(LOGS_DIR, { recursive: true });
  const browserLog = server.logFile.replace(/\.log$/, '.browser.log');
  const record = (line: string): void => {
    consoleLog.push(line);
    fs.appendFileSync(browserLog, `${line}\n`);
  };
  page.on('console', (msg) => record(`[${msg.type()}] ${msg.text()}`));
  page.on('pageerror', (err) => record(`[pageerror] ${err.message}`));
  const timeout = options.timeoutMs ?? 120_000; // ~25 s on a loaded 2-core machine
  await page.goto(server.folderUrl(options.folder), { timeout });
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout });
  return { context, page, consoleLog };
}

/** Saves a PNG into test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const file = path.join(SCREENSHOTS_DIR, `${sanitize(name)}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Opens a workspace file through Quick Open (Ctrl+P) and waits until its editor tab is the
 * active one. Enter is pressed only once the *focused* row is the file (the list still shows
 * the recently opened files until the filter applies).
 */
export async function quickOpen(
  page: Page,
  relativePath: string,
  timeoutMs = 30_000,
): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(relativePath);
  const base = path.basename(relativePath);
  const dir = path.dirname(relativePath);
  const row = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: base });
  await (dir === '.' ? row : row.filter({ hasText: dir })).first().waitFor({ timeout: timeoutMs });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: timeoutMs });
  await page
    .locator(`.tabs-container .tab.active[data-resource-name="${base}"]`)
    .waitFor({ timeout: timeoutMs });
}

/** Runs a command by its palette title (F1, type, Enter). */
export async function runCommandFromPalette(
  page: Page,
  title: string,
  timeoutMs = 30_000,
): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(`>${title}`);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: title })
    .first()
    .waitFor({ timeout: timeoutMs });
  await page.keyboard.press('Enter');
}

// ---------------------------------------------------------------------------------------------
// Everything together

export interface Session {
  server: CodeServer;
  browser: Browser;
  workbench: Workbench;
  /** Closes the browser and stops code-server. Idempotent; never throws. */
  dispose(): Promise<void>;
}

export interface SessionOptions extends StartOptions {
  /** Reuse a browser (it is then not closed by dispose). */
  browser?: Browser;
}

/** startCodeServer + launchBrowser + openWorkbench, cleaned up on failure. */
export async function startSession(options: SessionOptions): Promise<Session> {
  const server = await startCodeServer(options);
  let browser: Browser | undefined = options.browser;
  const ownBrowser = !browser;
  try {
    browser ??= await launchBrowser();
    const workbench = await openWorkbench(browser, server);
    let disposed = false;
    const session: Session = {
      server,
      browser,
      workbench,
      dispose: async () => {
        if (disposed) return;
        disposed = true;
        await workbench.context.close().catch(() => undefined);
        if (ownBrowser) await browser?.close().catch(() => undefined);
        await server.stop();
      },
    };
    return session;
  } catch (err) {
    if (ownBrowser) await browser?.close().catch(() => undefined);
    await server.stop();
    throw err;
  }
}

export interface InEditorSuiteOptions {
  /** Folder to open. */
  workspace: string;
  /** Compiled bdd mocha files that `require('vscode')`. */
  suiteFiles: string[];
  /** Extensions under test: folders (unpacked) and/or .vsix files. */
  extensions?: string[];
  /** Ids the runner depends on (activated first). Default: ids of all `extensions`. */
  extensionDependencies?: string[];
  /** Default true. */
  trusted?: boolean;
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  /** Name for logs, results and the screenshot. */
  name: string;
  /** Bound for the runner extension to activate (it writes `<results>.started`). Default 2 min. */
  activationTimeoutMs?: number;
  /** Bound for the suite once the runner started. Default 5 min. */
  timeoutMs?: number;
  /** Mocha per-test timeout. Default 20 s. */
  testTimeoutMs?: number;
  browser?: Browser;
}

/**
 * Runs a mocha suite inside the code-server extension host and returns the runner's results.
 * Results go to test-results/<name>.results.json, a screenshot to test-results/screenshots/.
 */
export async function runInEditorSuite(options: InEditorSuiteOptions): Promise<RunnerResults> {
  const extensionsDir = makeTempDir('ext');
  const deps: string[] = [];
  for (const ext of options.extensions ?? []) {
    const installed = ext.endsWith('.vsix')
      ? await installVsix(ext, extensionsDir)
      : installExtensionFolder(ext, extensionsDir);
    deps.push(installed.id);
  }
  installRunnerExtension(extensionsDir, {
    extensionDependencies: options.extensionDependencies ?? deps,
  });
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const resultsFile = path.join(RESULTS_DIR, `${sanitize(options.name)}.results.json`);
  fs.rmSync(resultsFile, { force: true });
  fs.rmSync(`${resultsFile}.started`, { force: true });
  const configFile = writeRunnerConfig({
    suiteFiles: options.suiteFiles.map((f) => path.resolve(f)),
    resultsFile,
    timeoutMs: options.testTimeoutMs,
  });
  const session = await startSession({
    workspace: options.workspace,
    userDataDir: createUserDataDir({ trusted: options.trusted, settings: options.settings }),
    extensionsDir,
    env: { ...runnerEnv(configFile), ...(options.env ?? {}) },
    name: options.name,
    browser: options.browser,
  });
  try {
    await waitForFile(`${resultsFile}.started`, {
      timeoutMs: options.activationTimeoutMs ?? 120_000,
      intervalMs: 200,
      description:
        'the runner extension to activate (installed and listed in extensions.json? allowed in ' +
        `an untrusted workspace? dependencies activated?) - logs: ${session.server.logFile}`,
    });
    const results = await waitForJsonFile<RunnerResults>(resultsFile, {
      timeoutMs: options.timeoutMs ?? 300_000,
      intervalMs: 200,
      description: `in-editor results ${resultsFile} (logs: ${session.server.logFile})`,
    });
    await screenshot(session.workbench.page, options.name).catch(() => undefined);
    return results;
  } catch (err) {
    await screenshot(session.workbench.page, `${options.name}-failure`).catch(() => undefined);
    throw err;
  } finally {
    await session.dispose();
  }
}
