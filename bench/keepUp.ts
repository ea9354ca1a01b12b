/**
 * "Keep up" (issue 17, item 5): someone types 20 characters a second in one configuration of a
 * 500-configuration document, in a sound document and in a broken one, and after every keystroke
 * the editor asks for completion or hover there. Those must answer in ≤ 50 ms at the 99th
 * percentile: the work per edit is bounded by the edited configuration, stale validations are
 * dropped rather than queued, and requests do not wait behind them. Each run is the bundled
 * server in a fresh process over stdio, with the server's own typing debounce (as the extension
 * runs it) and with none (a validation after every keystroke: the worst case for waiting).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-protocol';
import { generateDocument, type BenchFormat } from './generate';
import { BenchClient } from './lspClient';

export interface KeepUpRow {
  format: BenchFormat;
  /** 'sound': typing inside a value; 'broken': typing after an opening quote left unclosed. */
  state: 'sound' | 'broken';
  /** The server's debounce in ms (undefined: its default). */
  delay: number | undefined;
  edits: number;
  /** Request round trips after each keystroke, completion and hover together. */
  p50: number;
  p99: number;
  max: number;
  /** Diagnostics published during the typing (stale versions dropped: fewer than edits). */
  published: number;
  /** From the last keystroke to its version's diagnostics. */
  settle: number;
}

export const KEEP_UP_SIZE = 500;
export const KEEP_UP_TARGET_MS = 50;
const INTERVAL_MS = 50; // 20 edits a second
const TYPED = 'RemediationNotesForTheTeamOnCall';

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The middle configuration: where typing goes (sound: the end of its rule name; broken: a new
 * line after its TargetId, opened with a quote that is never closed) and where completion (its
 * TargetType key) and hover (its TargetId) are asked; both are before the typing, so they stay.
 */
function places(
  text: string,
  format: BenchFormat,
  state: 'sound' | 'broken',
): { at: number; prefix: string; completion: number; hover: number } {
  const marker = `-${String(KEEP_UP_SIZE / 2).padStart(5, '0')}`;
  const name = text.indexOf(marker);
  const completion = text.indexOf('TargetType', name) + 3;
  const targetId = text.indexOf('TargetId', name);
  const hover = targetId + 2;
  if (state === 'sound') return { at: name + marker.length, prefix: '', completion, hover };
  const lineEnd = text.indexOf('\n', targetId);
  return {
    at: lineEnd,
    prefix: format === 'json' ? '\n      "' : '\n    Notes: "',
    completion,
    hover,
  };
}

async function keepUpRun(
  server: string,
  format: BenchFormat,
  state: 'sound' | 'broken',
  delay: number | undefined,
  edits: number,
): Promise<KeepUpRow> {
  const text = generateDocument(KEEP_UP_SIZE, format);
  const { at, prefix, completion, hover } = places(text, format, state);
  const document = TextDocument.create('file:///keep-up', format, 1, text);
  const position = (offset: number): Position => document.positionAt(offset);
  const client = BenchClient.spawn(server);
  const uri = `file:///bench/keep-up-${KEEP_UP_SIZE}.${format}`;
  const times: number[] = [];
  try {
    await client.initialize(false, delay ?? 60);
    await client.open(uri, format, text);
    // A warm server (as after a while of editing): one completion and one hover first, unmeasured.
    await client.timeAny('textDocument/completion', uri, position(completion));
    await client.timeAny('textDocument/hover', uri, position(hover));
    let version = 1;
    if (prefix) {
      await client.changeOnly(uri, ++version, { start: position(at), end: position(at) }, prefix);
    }
    // Positions of the insertion point in the new text: lines before it do not move.
    const insertLine = position(at).line + (prefix.includes('\n') ? 1 : 0);
    let column = prefix.includes('\n')
      ? prefix.length - prefix.lastIndexOf('\n') - 1
      : position(at).character;
    const started = performance.now();
    client.published = 0;
    for (let e = 0; e < edits; e++) {
      const char = TYPED[e % TYPED.length] ?? 'a';
      const here = { line: insertLine, character: column };
      void client.changeOnly(uri, ++version, { start: here, end: here }, char);
      column++;
      const method = e % 2 === 0 ? 'textDocument/completion' : 'textDocument/hover';
      times.push(await client.timeAny(method, uri, position(e % 2 === 0 ? completion : hover)));
      // The next keystroke 50 ms after this one (at once if the answer took longer).
      const next = started + (e + 1) * INTERVAL_MS;
      const wait = next - performance.now();
      if (wait > 0) await sleep(wait);
    }
    process.stderr.write(`${times.map((t) => t.toFixed(0)).join(' ')}\n`);
    const published = client.published;
    const settle = await client.diagnosticsOf(uri, version);
    return {
      format,
      state,
      delay,
      edits,
      p50: percentile(times, 0.5),
      p99: percentile(times, 0.99),
      max: percentile(times, 1),
      published,
      settle,
    };
  } finally {
    await client.dispose();
  }
}

export async function runKeepUp(
  server: string,
  quick: boolean,
  log: (message: string) => void,
): Promise<KeepUpRow[]> {
  const rows: KeepUpRow[] = [];
  const edits = quick ? 60 : 200;
  for (const format of ['json', 'yaml'] as const) {
    for (const state of ['sound', 'broken'] as const) {
      for (const delay of [undefined, 0]) {
        log(`bench: keep up, ${format}, ${state}, debounce ${delay ?? 'default'}…`);
        rows.push(await keepUpRun(server, format, state, delay, edits));
      }
    }
  }
  return rows;
}

const ms = (value: number): string =>
  value >= 99.5 ? `${Math.round(value)} ms` : `${value.toPrecision(2)} ms`;

/** The keep-up table (markdown). */
export function renderKeepUp(rows: readonly KeepUpRow[]): string {
  if (rows.length === 0) return '';
  const lines = [
    '| Format | Document | Debounce | Keystrokes | Completion/hover p50 | p99 | max | Diagnostics sent while typing | Last keystroke → its diagnostics | Target (p99 ≤ 50 ms) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.format === 'json' ? 'JSON' : 'YAML'} | ${row.state} | ${row.delay === undefined ? '60 ms (default)' : `${row.delay} ms`} | ${row.edits} | ${ms(row.p50)} | ${ms(row.p99)} | ${ms(row.max)} | ${row.published} | ${ms(row.settle)} | ${row.p99 <= KEEP_UP_TARGET_MS ? 'PASS' : 'MISS'} |`,
    );
  }
  return lines.join('\n');
}
