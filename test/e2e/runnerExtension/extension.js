// In-editor mocha runner for the real-editor (code-server) tests.
//
// Activated onStartupFinished. When a run config is given -- env var E2E_RUNNER_CONFIG or the
// setting `e2eTestRunner.config`, both an absolute path to a JSON file
//   { "mochaPath": "/abs/node_modules/mocha", "suiteFiles": ["/abs/a.test.js"],
//     "resultsFile": "/abs/results.json", "timeoutMs": 20000, "grep": "optional" }
// -- it writes `<resultsFile>.started`, loads mocha from mochaPath (bdd ui), runs the suite
// files in this extension host, where `require('vscode')` works, and writes JSON results
// atomically (tmp file + rename) to resultsFile. Without a config it does nothing.
'use strict';

const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

/** @type {vscode.OutputChannel | undefined} */
let channel;

function log(message) {
  channel?.appendLine(`[${new Date().toISOString()}] ${message}`);
}

function readRunConfig() {
  const fromEnv = process.env.E2E_RUNNER_CONFIG;
  const fromSetting = vscode.workspace.getConfiguration('e2eTestRunner').get('config');
  const configPath = fromEnv || fromSetting;
  if (!configPath) return undefined;
  const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
  if (!config.resultsFile) throw new Error(`${configPath}: resultsFile is required`);
  return config;
}

function writeResults(file, results) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
  fs.renameSync(tmp, file);
}

function errorInfo(err) {
  if (!err) return undefined;
  return {
    message: String(err.message ?? err),
    stack: err.stack ? String(err.stack) : undefined,
    actual: err.actual !== undefined ? safeString(err.actual) : undefined,
    expected: err.expected !== undefined ? safeString(err.expected) : undefined,
  };
}

function safeString(v) {
  try {
    return typeof v === 'string' ? v : JSON.stringify(v);
  } catch {
    return String(v);
  }
}

function runMocha(config) {
  return new Promise((resolve, reject) => {
    const Mocha = require(config.mochaPath);
    const mocha = new Mocha({
      ui: 'bdd',
      color: false,
      timeout: config.timeoutMs ?? 20000,
      grep: config.grep,
      reporter: 'spec',
    });
    for (const f of config.suiteFiles ?? []) {
      // Fresh require in case the host already loaded it; throws early if the file is missing.
      delete require.cache[require.resolve(f)];
      mocha.addFile(f);
    }
    const tests = [];
    const started = Date.now();
    let runner;
    try {
      runner = mocha.run();
    } catch (err) {
      reject(err);
      return;
    }
    runner.on('pass', (t) =>
      tests.push({
        title: t.title,
        fullTitle: t.fullTitle(),
        state: 'passed',
        durationMs: t.duration,
      }),
    );
    runner.on('fail', (t, err) =>
      tests.push({
        title: t.title,
        fullTitle: t.fullTitle(),
        state: 'failed',
        durationMs: t.duration,
        error: errorInfo(err),
      }),
    );
    runner.on('pending', (t) =>
      tests.push({ title: t.title, fullTitle: t.fullTitle(), state: 'pending' }),
    );
    runner.on('end', () => {
      const failures = tests.filter((t) => t.state === 'failed');
      resolve({
        passes: tests.filter((t) => t.state === 'passed').length,
        failures: failures.length,
        pending: tests.filter((t) => t.state === 'pending').length,
        total: tests.length,
        durationMs: Date.now() - started,
        tests,
        failureMessages: failures.map((t) => `${t.fullTitle}: ${t.error?.message ?? ''}`),
      });
    });
  });
}

async function activate(context) {
  channel = vscode.window.createOutputChannel('E2E Test Runner');
  context.subscriptions.push(channel);
  let config;
  try {
    config = readRunConfig();
  } catch (err) {
    log(`bad run config: ${err.stack ?? err}`);
    return;
  }
  if (!config) {
    log('no run config; idle');
    return;
  }
  log(`running ${JSON.stringify(config.suiteFiles)} -> ${config.resultsFile}`);
  const env = {
    vscodeVersion: vscode.version,
    isTrusted: vscode.workspace.isTrusted,
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString()),
    extensionHostPid: process.pid,
    node: process.version,
  };
  // Lets the driver fail fast when the runner never activates.
  writeResults(`${config.resultsFile}.started`, env);
  let results;
  try {
    results = await runMocha(config);
  } catch (err) {
    results = {
      passes: 0,
      failures: 1,
      pending: 0,
      total: 0,
      tests: [],
      failureMessages: [`runner error: ${err.message ?? err}`],
      error: errorInfo(err),
    };
  }
  results.environment = env;
  log(`done: ${results.passes} passed, ${results.failures} failed`);
  writeResults(config.resultsFile, results);
}

function deactivate() {}

module.exports = { activate, deactivate };
