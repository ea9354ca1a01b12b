/**
 * `npm run bench`: measures the language server against its targets and its peers, prints one
 * table and writes docs/performance.md. `--sizes 1,25` and `--quick` make a short run (that does
 * not write the docs unless `--out` says where). Each measurement runs in a fresh process.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchFormat } from './generate';
import { BenchClient } from './lspClient';
import {
  renderMarkdown,
  renderShapes,
  renderTable,
  type BenchResults,
  type Environment,
} from './report';
import { editText, scenario } from './scenario';
import { peakRssMb, sample, summarise, type Sample } from './stats';
import { runShapes } from './shapes';
import { renderKeepUp, runKeepUp } from './keepUp';
import { activationWorker, oursWorker, PARTIAL_PREFIX, peerWorker, type Measures } from './workers';

/** Where docs/performance.md's hand-written part starts; see handWrittenNotes. */
const HAND_WRITTEN_MARKER =
  '<!-- Hand-written notes: npm run bench keeps everything below this line. -->';
const ROOT = path.resolve(__dirname, '..');
const SERVER = path.join(ROOT, 'dist', 'server.js');
const EXTENSION = path.join(ROOT, 'dist', 'extension.js');
/** The least an extension with a language client loads (bench/floorExtension.ts). */
const FLOOR_EXTENSION = path.join(ROOT, 'out-bench', 'floor-extension.js');
const FORMATS: BenchFormat[] = ['json', 'yaml'];
const RESULT_PREFIX = 'BENCH_RESULT ';

interface Args {
  sizes: number[];
  shapeSizes: number[];
  quick: boolean;
  out: string | undefined;
  worker: string | undefined;
  size: number;
  format: BenchFormat;
  file: string;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string): string | undefined => {
    const index = argv.indexOf(name);
    return index === -1 ? undefined : argv[index + 1];
  };
  const sizes = (value('--sizes') ?? '1,25,500,5000').split(',').map(Number);
  // The shapes at two sizes for their growth; none in a short run unless asked for.
  const shapeValue =
    value('--shape-sizes') ??
    (value('--sizes') === undefined && !argv.includes('--quick') ? '2500,5000,10000' : '');
  const shapeSizes = shapeValue ? shapeValue.split(',').map(Number) : [];
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    throw new Error('--sizes takes a comma-separated list of positive integers');
  }
  const fullRun = value('--sizes') === undefined && !argv.includes('--quick');
  return {
    sizes,
    shapeSizes,
    quick: argv.includes('--quick'),
    out: value('--out') ?? (fullRun ? path.join(ROOT, 'docs', 'performance.md') : undefined),
    worker: value('--worker'),
    size: Number(value('--size') ?? 1),
    format: (value('--format') ?? 'json') as BenchFormat,
    file: value('--file') ?? EXTENSION,
  };
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/**
 * Runs a measurement in a fresh node process and returns what it measured. After `timeoutMs`
 * the worker is stopped and the result says so (a peer may take many minutes on a busy machine).
 */
function runWorker(kind: string, args: string[], timeoutMs = 600_000): Promise<Measures> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--max-old-space-size=8192', __filename, '--worker', kind, ...args],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    let timedOut = false;
    let rssAtLimit: number | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      rssAtLimit = child.pid ? peakRssMb(child.pid) : undefined;
      child.kill();
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const line = output.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (timedOut) {
        // What it measured before the limit, and the limit for the rest.
        const partial: Measures = {};
        for (const l of output.split('\n')) {
          if (l.startsWith(PARTIAL_PREFIX))
            Object.assign(partial, JSON.parse(l.slice(PARTIAL_PREFIX.length)) as Measures);
        }
        resolve({
          ...partial,
          // Its peak memory until then: at least this much.
          ...(rssAtLimit !== undefined ? { rss: rssAtLimit } : {}),
          error: `timed out after ${Math.round(timeoutMs / 1000)} s`,
        });
      } else if (code !== 0 || !line) {
        reject(new Error(`Worker ${kind} ${args.join(' ')} failed (exit ${code}): ${output}`));
      } else {
        resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as Measures);
      }
    });
  });
}

async function worker(args: Args): Promise<void> {
  const options = { size: args.size, format: args.format, quick: args.quick, root: ROOT };
  let measures: Measures;
  if (args.worker === 'ours') measures = await oursWorker(options);
  else if (args.worker === 'peer') measures = await peerWorker(options);
  else if (args.worker === 'activation') measures = activationWorker(ROOT, args.file);
  else throw new Error(`Unknown worker ${args.worker}`);
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(measures)}\n`);
  // Activation may have started a language client; nothing here needs to outlive the result.
  process.exit(0);
}

/** The bundled server over stdio: opening, the edit round trip, and the server's peak memory. */
async function stdioRound(size: number, format: BenchFormat, quick: boolean): Promise<Measures> {
  const s = scenario(size, format);
  const client = BenchClient.spawn(SERVER);
  try {
    await client.initialize();
    const open = await client.open(s.uri, s.languageId, s.text);
    let version = 1;
    const runs = quick ? 5 : size >= 5000 ? 15 : 25;
    const edit = await sample({ runs, budgetMs: quick ? 4000 : 20000 }, (run) =>
      client.change(s.uri, ++version, s.editRange, editText(run)),
    );
    const completion = await sample({ runs: Math.min(runs, 10) }, () =>
      client.time('textDocument/completion', s.uri, s.keyPosition),
    );
    const rss = client.child?.pid ? peakRssMb(client.child.pid) : undefined;
    return { open, edit, completion, rss };
  } finally {
    await client.dispose();
  }
}

/** Milliseconds from spawning a process until it exited. */
function timeProcess(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(performance.now() - start));
  });
}

/**
 * Server start to the first diagnostics of a 25-configuration file, and its floor: starting
 * Node itself (`node -e 0`), measured in turns.
 */
async function coldStart(quick: boolean): Promise<{ sample: Sample; floor: Sample }> {
  const s = scenario(25, 'json');
  const values: number[] = [];
  const floors: number[] = [];
  for (let run = 0; run < (quick ? 3 : 10); run++) {
    floors.push(await timeProcess(['-e', '0']));
    const start = performance.now();
    const client = BenchClient.spawn(SERVER);
    await client.initialize();
    await client.open(s.uri, s.languageId, s.text);
    values.push(performance.now() - start);
    await client.dispose();
  }
  return { sample: summarise(values), floor: summarise(floors) };
}

/** Activation of dist/extension.js and of the floor extension, in turns. */
async function activation(
  quick: boolean,
): Promise<{ sample: Sample; floor: Sample; loadedSdk: string }> {
  const values: number[] = [];
  const floors: number[] = [];
  let loadedSdk = 'no';
  for (let run = 0; run < (quick ? 3 : 10); run++) {
    const floor = await runWorker('activation', ['--file', FLOOR_EXTENSION]);
    floors.push(floor.activation as number);
    const measures = await runWorker('activation', ['--file', EXTENSION]);
    values.push(measures.activation as number);
    if (measures.loadedSdk === 'yes') loadedSdk = 'yes';
  }
  return { sample: summarise(values), floor: summarise(floors), loadedSdk };
}

/** How slow fresh memory is here: filling a newly allocated 4 MB buffer (median of 7). */
function freshMemoryProbe(): number {
  const values: number[] = [];
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    Buffer.alloc(4 * 1024 * 1024, 1);
    values.push(performance.now() - start);
  }
  return summarise(values).median;
}

function environment(): Environment {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString().slice(0, 16).replace('T', ' '),
    node: process.version,
    cpu: `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}`,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    loadBefore: os.loadavg()[0] ?? 0,
    loadAfter: 0,
    freshMemoryMs: freshMemoryProbe(),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.worker) return worker(args);
  const results0: BenchResults = { sizes: [], quick: true, runs: {} };
  for (const file of [SERVER, EXTENSION, FLOOR_EXTENSION]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run bench".`);
  }
  const onlyShapes = process.argv.indexOf('--shapes-only');
  if (onlyShapes !== -1) {
    // Some shapes alone (bench/shapes.ts): `--shapes-only "JSON, minified"` at --shape-sizes.
    results0.shapeSizes = args.shapeSizes;
    results0.shapes = await runShapes(
      SERVER,
      args.shapeSizes,
      process.argv.includes('--quick-shapes'),
      log,
      process.argv[onlyShapes + 1],
    );
    process.stdout.write(`${renderShapes(results0)}\n`);
    return;
  }
  if (process.argv.includes('--keep-up-only')) {
    // The keep-up scenario alone (bench/keepUp.ts): prints its table.
    const rows = await runKeepUp(SERVER, args.quick, log);
    process.stdout.write(`${renderKeepUp(rows)}\n`);
    return;
  }
  const started = performance.now();
  const env = environment();
  const results: BenchResults = { sizes: args.sizes, quick: args.quick, runs: {} };
  for (const size of args.sizes) {
    for (const format of FORMATS) {
      const common = [
        '--size',
        String(size),
        '--format',
        format,
        ...(args.quick ? ['--quick'] : []),
      ];
      log(`bench: ${size} configurations, ${format}: ours…`);
      const ours = await runWorker('ours', common);
      log(`bench: ${size} configurations, ${format}: peer…`);
      // The peers' runs are bounded; this bounds a peer that is stuck or starved of CPU.
      const peer = await runWorker('peer', common, size >= 5000 ? 300_000 : 120_000);
      log(`bench: ${size} configurations, ${format}: bundled server over stdio…`);
      const stdio = await stdioRound(size, format, args.quick);
      results.runs[`${size}/${format}`] = { ours, peer, stdio };
    }
  }
  if (args.shapeSizes.length > 0) {
    results.shapeSizes = args.shapeSizes;
    // Few runs already (processes at each size); --quick-shapes makes them fewer still.
    results.shapes = await runShapes(
      SERVER,
      args.shapeSizes,
      process.argv.includes('--quick-shapes'),
      log,
    );
  }
  if (!args.quick || process.argv.includes('--keep-up')) {
    results.keepUp = await runKeepUp(SERVER, args.quick, log);
  }
  log('bench: cold start, activation…');
  const cold = await coldStart(args.quick);
  results.coldStart = cold.sample;
  results.coldStartFloor = cold.floor;
  const activated = await activation(args.quick);
  results.activation = activated.sample;
  results.activationFloor = activated.floor;
  results.activationLoadedSdk = activated.loadedSdk;
  results.serverBytes = statSync(SERVER).size;
  env.loadAfter = os.loadavg()[0] ?? 0;
  env.seconds = Math.round((performance.now() - started) / 1000);

  process.stdout.write(`${renderTable(results)}\n`);
  if (results.shapes) process.stdout.write(`\n${renderShapes(results)}\n`);
  if (results.keepUp) process.stdout.write(`\n${renderKeepUp(results.keepUp)}\n`);
  if (args.out) {
    writeFileSync(args.out, renderMarkdown(results, env) + handWrittenNotes(args.out));
    log(`bench: wrote ${path.relative(process.cwd(), args.out)}`);
  }
  log(`bench: done in ${env.seconds} s`);
}

/**
 * The part of the existing file from HAND_WRITTEN_MARKER on: notes people wrote about a run (what
 * changed, what is still missed) that a new run must not erase.
 */
function handWrittenNotes(file: string): string {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(HAND_WRITTEN_MARKER);
  return at < 0 ? '' : `\n${text.slice(at)}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
