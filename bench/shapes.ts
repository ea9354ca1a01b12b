/**
 * The shapes outside the main table (issue 17): minified JSON, every configuration with a finding,
 * full-text sync, pull diagnostics, both documents open in one server, each at 5,000 and 20,000
 * configurations (2,500 and 10,000 by default: see checkSize), with the growth ratio (time at the larger size ÷ time at the smaller; 4× the
 * configurations, so 4 is linear). Each measurement runs the bundled server in a fresh process.
 */
import { MAX_DOCUMENT_SIZE } from '../server/src/languageService/languageService';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-protocol';
import { generateDocument, request, type BenchFormat } from './generate';
import { BenchClient } from './lspClient';
import { editText } from './scenario';
import { peakRssMb, summarise, type Sample } from './stats';

export interface ShapeRow {
  shape: string;
  measure: string;
  unit: 'ms' | 'MB';
  /** Per size (as a string key): the measured sample. */
  values: Record<string, Sample | undefined>;
  target?: { size: number; max: number };
}

interface Shape {
  name: string;
  format: BenchFormat;
  text: (size: number) => string;
}

// Every configuration with a finding that has a quick fix: the enum value in the wrong case.
const everyFinding = (text: string): string => text.replace(/SSM_DOCUMENT/g, 'ssm_document');

export const SHAPES: Shape[] = [
  { name: 'JSON, pretty', format: 'json', text: (n) => generateDocument(n, 'json') },
  { name: 'JSON, minified', format: 'json', text: (n) => JSON.stringify(request(n)) },
  { name: 'YAML', format: 'yaml', text: (n) => generateDocument(n, 'yaml') },
  {
    name: 'JSON, pretty, a finding in every configuration',
    format: 'json',
    text: (n) => everyFinding(generateDocument(n, 'json')),
  },
  {
    name: 'JSON, minified, a finding in every configuration',
    format: 'json',
    text: (n) => everyFinding(JSON.stringify(request(n))),
  },
  {
    name: 'YAML, a finding in every configuration',
    format: 'yaml',
    text: (n) => everyFinding(generateDocument(n, 'yaml')),
  },
];

/** The 5 characters of the middle configuration's rule number, as a range, and the offset. */
function editSpan(text: string, size: number): { offset: number; range: Range } {
  const marker = `-${String(Math.floor(size / 2)).padStart(5, '0')}`;
  const offset = text.indexOf(marker) + 1;
  if (offset <= 0) throw new Error(`No configuration ${marker} in the text`);
  const document = TextDocument.create('file:///shape', 'json', 1, text);
  return {
    offset,
    range: { start: document.positionAt(offset), end: document.positionAt(offset + 5) },
  };
}

const replaced = (text: string, offset: number, word: string): string =>
  text.slice(0, offset) + word + text.slice(offset + 5);

type Log = (message: string) => void;

/** Milliseconds of edits of one kind per process before stopping early. */
const EDIT_BUDGET_MS = 5000;

/**
 * The server does not check files over 8M characters (RC005 file-too-large, MAX_DOCUMENT_SIZE), so
 * no diagnostics would come: 20,000 configurations are 14 MB of pretty JSON, 10 MB of YAML and
 * 9 MB of minified JSON, hence the default sizes 2,500, 5,000 (the targets) and 10,000 (4× the first).
 */
function checkSize(text: string, size: number): void {
  if (text.length > MAX_DOCUMENT_SIZE) {
    throw new Error(
      `${size} configurations are ${text.length} characters, over the server's limit of ${MAX_DOCUMENT_SIZE} (RC005)`,
    );
  }
}

/** Open, ranged edits and full-text edits in fresh processes; their median per size. */
async function measureShape(
  server: string,
  shape: Shape,
  size: number,
  quick: boolean,
): Promise<ShapeMeasures> {
  const text = shape.text(size);
  checkSize(text, size);
  const { offset, range } = editSpan(text, size);
  const processes = quick ? 1 : size >= 20000 ? 2 : 3;
  const edits = quick ? 3 : 8;
  const opens: number[] = [];
  const ranged: number[] = [];
  const full: number[] = [];
  const rss: number[] = [];
  const navigation: Record<NavigationMeasure, number[]> = {
    outline: [],
    references: [],
    folding: [],
  };
  for (let p = 0; p < processes; p++) {
    const client = BenchClient.spawn(server);
    try {
      await client.initialize();
      const uri = `file:///bench/shape-${size}.${shape.format}`;
      opens.push(await client.open(uri, shape.format, text));
      let version = 1;
      // At most `edits` edits, and fewer when they are slow (at least one): a time budget each.
      const within = (e: number, since: number): boolean =>
        e < edits && (e === 0 || performance.now() - since < EDIT_BUDGET_MS);
      let since = performance.now();
      for (let e = 0; within(e, since); e++) {
        ranged.push(await client.change(uri, ++version, range, editText(p * 100 + e)));
      }
      since = performance.now();
      for (let e = 0; within(e, since); e++) {
        const next = replaced(text, offset, editText(p * 100 + 50 + e));
        full.push(await client.changeFull(uri, ++version, next));
      }
      since = performance.now();
      for (let e = 0; within(e, since); e++) {
        // A new version each time, so that nothing is answered from the previous one.
        await client.change(uri, ++version, range, editText(p * 100 + 80 + e));
        const times = await navigate(client, uri, shape.format, range.start);
        for (const key of NAVIGATION_MEASURES) {
          const ms = times[key];
          if (ms !== undefined) navigation[key].push(ms);
        }
      }
      const peak = client.child?.pid ? peakRssMb(client.child.pid) : undefined;
      if (peak !== undefined) rss.push(peak);
    } finally {
      await client.dispose();
    }
  }
  return {
    open: summarise(opens),
    edit: summarise(ranged),
    full: summarise(full),
    rss: summarise(rss),
    outline: summarise(navigation.outline),
    references: summarise(navigation.references),
    folding: summarise(navigation.folding),
  };
}

const NAVIGATION_MEASURES = ['outline', 'references', 'folding'] as const;
type NavigationMeasure = (typeof NAVIGATION_MEASURES)[number];

interface ShapeMeasures extends Record<NavigationMeasure, Sample> {
  open: Sample;
  edit: Sample;
  full: Sample;
  rss: Sample;
}

/**
 * The navigation requests of one version: the outline, the references of the middle
 * configuration's rule name and (YAML; JSON's folding is the editor's own) the folding ranges.
 * Each must answer something, or the time would be that of an empty answer.
 */
async function navigate(
  client: BenchClient,
  uri: string,
  format: BenchFormat,
  position: Position,
): Promise<Partial<Record<NavigationMeasure, number>>> {
  const textDocument = { uri };
  const outline = await client.request('textDocument/documentSymbol', { textDocument });
  const references = await client.request('textDocument/references', {
    textDocument,
    position,
    context: { includeDeclaration: true },
  });
  const answered = (result: unknown): boolean => Array.isArray(result) && result.length > 0;
  if (!answered(outline.result) || !answered(references.result)) {
    throw new Error(`No outline or no references for ${uri}`);
  }
  if (format !== 'yaml') return { outline: outline.ms, references: references.ms };
  const folding = await client.request('textDocument/foldingRange', { textDocument });
  if (!answered(folding.result)) throw new Error(`No folding ranges for ${uri}`);
  return { outline: outline.ms, references: references.ms, folding: folding.ms };
}

/**
 * Open → first diagnostics with the server run as `node dist/server.js`, without the Node.js
 * options the VS Code client gives it (common/src/serverRuntime.ts): what other clients get
 * unless they pass those options too.
 */
async function measurePlainOpen(
  server: string,
  format: 'json' | 'yaml',
  size: number,
  quick: boolean,
): Promise<Sample> {
  const text = generateDocument(size, format);
  const opens: number[] = [];
  for (let p = 0; p < (quick ? 1 : 3); p++) {
    const client = BenchClient.spawn(server, true);
    try {
      await client.initialize();
      opens.push(await client.open(`file:///bench/plain-${size}.${format}`, format, text));
    } finally {
      await client.dispose();
    }
  }
  return summarise(opens);
}

/** A pulling client: open → first pulled report, edit → pulled report, an unchanged pull. */
async function measurePull(
  server: string,
  format: BenchFormat,
  size: number,
  quick: boolean,
): Promise<{ first: Sample; edit: Sample; unchanged: Sample }> {
  const text = generateDocument(size, format);
  checkSize(text, size);
  const { range } = editSpan(text, size);
  const client = BenchClient.spawn(server);
  const first: number[] = [];
  const edit: number[] = [];
  const unchanged: number[] = [];
  try {
    await client.initialize(true);
    const uri = `file:///bench/pull-${size}.${format}`;
    const start = performance.now();
    await client.openOnly(uri, format, text);
    let last = await client.pull(uri);
    first.push(performance.now() - start);
    let version = 1;
    for (let e = 0; e < (quick ? 3 : 10); e++) {
      const began = performance.now();
      await client.changeOnly(uri, ++version, range, editText(e));
      last = await client.pull(uri, last.resultId);
      edit.push(performance.now() - began);
      unchanged.push((await client.pull(uri, last.resultId)).ms);
    }
  } finally {
    await client.dispose();
  }
  return { first: summarise(first), edit: summarise(edit), unchanged: summarise(unchanged) };
}

/** Both documents (JSON and YAML of `size` configurations) open in one server: peak RSS and time. */
async function measureBoth(server: string, size: number): Promise<{ open: Sample; rss: Sample }> {
  const client = BenchClient.spawn(server);
  try {
    await client.initialize();
    const start = performance.now();
    await client.open(`file:///bench/both-${size}.json`, 'json', generateDocument(size, 'json'));
    await client.open(`file:///bench/both-${size}.yaml`, 'yaml', generateDocument(size, 'yaml'));
    const open = performance.now() - start;
    const peak = client.child?.pid ? peakRssMb(client.child.pid) : undefined;
    return { open: summarise([open]), rss: summarise(peak !== undefined ? [peak] : []) };
  } finally {
    await client.dispose();
  }
}

export async function runShapes(
  server: string,
  sizes: number[],
  quick: boolean,
  log: Log,
  /** Only the shapes whose name contains this (and then no pull or both-open runs). */
  only?: string,
): Promise<ShapeRow[]> {
  const rows = new Map<string, ShapeRow>();
  const put = (
    shape: string,
    measure: string,
    size: number,
    value: Sample,
    unit: 'ms' | 'MB' = 'ms',
    target?: { size: number; max: number },
  ): void => {
    const key = `${shape}|${measure}`;
    const row = rows.get(key) ?? {
      shape,
      measure,
      unit,
      values: {},
      ...(target ? { target } : {}),
    };
    row.values[String(size)] = value;
    rows.set(key, row);
  };
  for (const shape of SHAPES.filter((s) => only === undefined || s.name.includes(only))) {
    for (const size of sizes) {
      log(`bench: shape ${shape.name}, ${size} configurations…`);
      const m = await measureShape(server, shape, size, quick);
      const openTarget =
        shape.name === 'JSON, pretty'
          ? { size: 5000, max: 200 }
          : shape.name === 'YAML'
            ? { size: 5000, max: 500 }
            : undefined;
      put(shape.name, 'Open → first diagnostics', size, m.open, 'ms', openTarget);
      put(shape.name, 'Edit → diagnostics (ranged change)', size, m.edit);
      put(shape.name, 'Edit → diagnostics (full-text change)', size, m.full);
      put(shape.name, 'Outline of a new version (documentSymbol)', size, m.outline);
      put(shape.name, 'References of a rule name, new version', size, m.references);
      if (shape.format === 'yaml') {
        put(shape.name, 'Folding ranges of a new version', size, m.folding);
      }
      put(shape.name, 'Peak RSS', size, m.rss, 'MB');
    }
  }
  if (only !== undefined) return [...rows.values()];
  for (const format of ['json', 'yaml'] as const) {
    const name = `${format === 'json' ? 'JSON' : 'YAML'}, pull diagnostics`;
    for (const size of sizes) {
      log(`bench: shape ${name}, ${size} configurations…`);
      const m = await measurePull(server, format, size, quick);
      put(name, 'Open → first pulled report', size, m.first);
      put(name, 'Edit → pulled report', size, m.edit);
      put(name, 'Pull of an unchanged document', size, m.unchanged);
    }
  }
  for (const format of ['json', 'yaml'] as const) {
    const name = `${format === 'json' ? 'JSON, pretty' : 'YAML'}, server without its Node.js options`;
    for (const size of sizes) {
      log(`bench: shape ${name}, ${size} configurations…`);
      put(
        name,
        'Open → first diagnostics',
        size,
        await measurePlainOpen(server, format, size, quick),
      );
    }
  }
  for (const size of sizes) {
    log(`bench: shape JSON and YAML open together, ${size} configurations…`);
    const m = await measureBoth(server, size);
    put('JSON and YAML open together', 'Open both → diagnostics', size, m.open);
    put('JSON and YAML open together', 'Peak RSS', size, m.rss, 'MB', { size: 5000, max: 300 });
  }
  return [...rows.values()];
}
