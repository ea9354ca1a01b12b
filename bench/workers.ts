/**
 * The measurements, each run in a fresh process (a "worker") so that the peers' memory and
 * garbage do not slow down ours, and each process's peak memory is its own.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { getLanguageService as getJsonService } from 'vscode-json-languageservice';
import { TextDocument, type Position } from 'vscode-languageserver-textdocument';
import { parseDocument as parseYamlDocument } from 'yaml';
import { getLanguageService as getYamlService } from 'yaml-language-server';
import { cursorContext } from '../server/src/languageService/completion/cursorContext';
import { CompletionText } from '../server/src/languageService/completion/window';
import { reparseDocument } from '../server/src/languageService/incremental/reparse';
import { stringSource } from '../server/src/languageService/model/text';
import { ValidationCache } from '../server/src/languageService/incremental/validation';
import { createLanguageService } from '../server/src/languageService/languageService';
import { ChunkedTextDocument } from '../server/src/lsp/chunkedDocument';
import { BenchClient } from './lspClient';
import { EDIT_LENGTH, editText, editedText, scenario, type Scenario } from './scenario';
import { cpuTime, peakRssMb, sample, type Sample } from './stats';
import type { BenchFormat } from './generate';

export interface WorkerOptions {
  size: number;
  format: BenchFormat;
  quick: boolean;
  root: string;
}

export type Measures = Record<string, Sample | number | string | undefined>;

/**
 * A worker prints each measure as soon as it has it, so that a worker stopped at its time limit
 * (a peer that takes minutes at 5000 configurations) still reports what it measured.
 */
export const PARTIAL_PREFIX = 'BENCH_PARTIAL ';

function recorded(measures: Measures): Measures {
  return new Proxy(measures, {
    set(target, key, value: Measures[string]) {
      target[key as string] = value;
      process.stdout.write(`${PARTIAL_PREFIX}${JSON.stringify({ [key]: value })}\n`);
      return true;
    },
  });
}

/**
 * Measured runs per figure. The peers are slow on large files (yaml-language-server: seconds per
 * validation at 5000 configurations, with gigabytes of memory), so they get few runs there.
 */
function runs(size: number, quick: boolean, peer = false): number {
  if (peer) return size >= 5000 ? 1 : quick ? 2 : size >= 500 ? 5 : 15;
  if (quick) return 5;
  return size >= 5000 ? 15 : size >= 500 ? 25 : 40;
}

const budget = (quick: boolean): number => (quick ? 4000 : 20000);

// ---------------------------------------------------------------- ours

/** Our language service and server on one document: full validation, the server's edit path, completion, hover. */
export async function oursWorker(options: WorkerOptions): Promise<Measures> {
  const s = scenario(options.size, options.format);
  const n = runs(options.size, options.quick);
  const opts = { runs: n, budgetMs: budget(options.quick) };
  const service = createLanguageService();
  const measures: Measures = {};

  measures.floor = await sample(opts, (run) => {
    const text = editedText(s, run);
    return cpuTime(() => (s.format === 'json' ? JSON.parse(text) : parseYamlDocument(text)));
  });

  measures.full = await sample(opts, (run) => {
    const text = editedText(s, run);
    return cpuTime(() => service.validate(service.parse(text, s.format), 'request'));
  });

  // The server code in this process: didChange → publishDiagnostics without a process boundary.
  const client = BenchClient.inProcess();
  await client.initialize();
  measures.open = await client.open(s.uri, s.languageId, s.text);
  let version = 1;
  measures.edit = await sample(opts, (run) =>
    cpuTime(() => client.change(s.uri, ++version, s.editRange, editText(run))),
  );
  measures.completionKey = await sample(opts, () =>
    cpuTime(() => client.time('textDocument/completion', s.uri, s.keyPosition)),
  );
  measures.completionValue = await sample(opts, () =>
    cpuTime(() => client.time('textDocument/completion', s.uri, s.valuePosition)),
  );
  measures.hover = await sample(opts, () =>
    cpuTime(() => client.time('textDocument/hover', s.uri, s.hoverPosition)),
  );
  await client.close(s.uri);
  await client.dispose();

  Object.assign(measures, await designChoices(s, options));
  measures.rss = peakRssMb();
  return measures;
}

/** The parts the design choices speed up, each measured with and without the choice. */
async function designChoices(s: Scenario, options: WorkerOptions): Promise<Measures> {
  const opts = { runs: runs(options.size, options.quick), budgetMs: budget(options.quick) };
  const service = createLanguageService();
  const measures: Measures = {};

  // Text store: TextDocument rebuilds the whole string per edit; the chunked document does not.
  const reference = TextDocument.create(s.uri, s.languageId, 1, s.text);
  const chunked = ChunkedTextDocument.create(s.uri, s.languageId, 1, s.text);
  reference.getText().charCodeAt(0);
  let version = 1;
  measures.storeTextDocument = await sample(opts, (run) => {
    return cpuTime(async () => {
      TextDocument.update(reference, [{ range: s.editRange, text: editText(run) }], ++version);
      reference.positionAt(s.editOffset);
    });
  });
  measures.storeChunked = await sample(opts, (run) => {
    return cpuTime(async () => {
      ChunkedTextDocument.update(chunked, [{ range: s.editRange, text: editText(run) }], ++version);
      chunked.positionAt(s.editOffset);
    });
  });

  // Parsing: the whole text, or the edited configuration only. Every run's edit replaces the
  // same range with a text of the same length.
  const change = {
    start: s.editOffset,
    oldEnd: s.editOffset + EDIT_LENGTH,
    newEnd: s.editOffset + EDIT_LENGTH,
  };
  let parsed = service.parse(s.text, s.format);
  measures.parseFull = await sample(opts, (run) => {
    const text = editedText(s, run);
    return cpuTime(async () => {
      service.parse(text, s.format);
    });
  });
  let reparsed = 0;
  measures.parseIncremental = await sample(opts, async (run) => {
    const text = editedText(s, run);
    const source = stringSource(text);
    let next: ReturnType<typeof reparseDocument>;
    const elapsed = await cpuTime(() => (next = reparseDocument(parsed, change, source)));
    const result = next as ReturnType<typeof reparseDocument>;
    if (result) reparsed++;
    parsed = result ?? service.parse(text, s.format);
    return elapsed;
  });
  measures.reparsed = `${reparsed}`;

  // Validation: every configuration, or the changed one (findings of the others reused).
  const cache = new ValidationCache();
  parsed = service.parse(s.text, s.format);
  service.validate(parsed, 'request', { cache });
  measures.validateFull = await sample(opts, () =>
    cpuTime(() => service.validate(parsed, 'request')),
  );
  measures.validateIncremental = await sample(opts, (run) => {
    const text = editedText(s, run);
    const source = stringSource(text);
    parsed = reparseDocument(parsed, change, source) ?? service.parse(text, s.format);
    return cpuTime(async () => {
      service.validate(parsed, 'request', { cache });
    });
  });

  // Completion's cursor context: from the whole text, or from the configuration's text.
  const offset = TextDocument.create(s.uri, s.format, 1, s.text).offsetAt(s.keyPosition);
  parsed = service.parse(s.text, s.format);
  measures.cursorWhole = await sample(opts, () => {
    return cpuTime(async () => {
      cursorContext(parsed.text, offset, s.format);
    });
  });
  measures.cursorWindow = await sample(opts, () => {
    return cpuTime(async () => {
      new CompletionText(parsed, offset).cursor();
    });
  });
  return measures;
}

// ---------------------------------------------------------------- peers

function loadSchema(root: string): Record<string, unknown> {
  const file = path.join(root, 'schemas', 'remediation-configurations.schema.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

const SCHEMA_URI =
  'https://aws-config-remediation.dev/schemas/remediation-configurations.schema.json';

/** A peer's measurement, or why it failed (vscode-json-languageservice overflows the stack in completion at 5000). */
async function attempt(run: () => Promise<Sample>): Promise<Sample | string> {
  try {
    return await run();
  } catch (error) {
    return `fails: ${(error as Error)?.message ?? String(error)}`;
  }
}

/** What the benchmark does with a peer's language service, on its one document. */
interface PeerOperations {
  /** Re-validates after an edit, as the peer's server does per change (parse, validate). */
  validate(): Promise<void>;
  complete(position: Position): PromiseLike<unknown>;
  hover(position: Position): PromiseLike<unknown>;
}

/** vscode-json-languageservice, given our JSON Schema. */
async function jsonPeer(document: TextDocument, schema: object): Promise<PeerOperations> {
  const service = getJsonService({
    schemaRequestService: () => Promise.resolve(JSON.stringify(schema)),
  });
  service.configure({
    validate: true,
    allowComments: false,
    schemas: [{ uri: SCHEMA_URI, fileMatch: ['*'], schema }],
  });
  let json = service.parseJSONDocument(document);
  await service.doValidation(document, json);
  return {
    async validate() {
      json = service.parseJSONDocument(document);
      const diagnostics = await service.doValidation(document, json);
      if (!Array.isArray(diagnostics)) throw new Error('no diagnostics');
    },
    complete: (position) => service.doComplete(document, position, json),
    hover: (position) => service.doHover(document, position, json),
  };
}

/** yaml-language-server's language service, given our JSON Schema. */
async function yamlPeer(document: TextDocument, schema: object): Promise<PeerOperations> {
  const service = getYamlService({
    schemaRequestService: () => Promise.resolve(JSON.stringify(schema)),
    workspaceContext: {
      resolveRelativePath: (relative: string, resource: string) =>
        new URL(relative, resource).toString(),
    },
  });
  service.configure({
    validate: true,
    hover: true,
    completion: true,
    schemas: [{ uri: SCHEMA_URI, fileMatch: ['*'], schema }],
  });
  await service.doValidation(document, false);
  return {
    async validate() {
      const diagnostics = await service.doValidation(document, false);
      if (!Array.isArray(diagnostics)) throw new Error('no diagnostics');
    },
    complete: (position) => service.doComplete(document, position, false),
    hover: (position) => service.doHover(document, position),
  };
}

/**
 * The peer for the format, given our JSON Schema: vscode-json-languageservice for JSON,
 * yaml-language-server's language service for YAML. "Edit" is what their servers do per change:
 * update the TextDocument, parse, validate.
 */
export async function peerWorker(options: WorkerOptions): Promise<Measures> {
  const s = scenario(options.size, options.format);
  const opts = {
    runs: runs(options.size, options.quick, true),
    budgetMs: budget(options.quick),
    minRuns: 1,
  };
  const schema = loadSchema(options.root);
  const measures = recorded({});
  const document = TextDocument.create(s.uri, s.languageId, 1, s.text);
  let version = 1;
  const peer =
    s.format === 'json' ? await jsonPeer(document, schema) : await yamlPeer(document, schema);
  const measure = (operation: (run: number) => PromiseLike<unknown>): Promise<Sample | string> =>
    attempt(() => sample(opts, (run) => cpuTime(() => operation(run))));

  measures.edit = await measure((run) => {
    TextDocument.update(document, [{ range: s.editRange, text: editText(run) }], ++version);
    return peer.validate();
  });
  measures.completionKey = await measure(() => peer.complete(s.keyPosition));
  measures.completionValue = await measure(() => peer.complete(s.valuePosition));
  measures.hover = await measure(() => peer.hover(s.hoverPosition));
  measures.rss = peakRssMb();
  return measures;
}

// ---------------------------------------------------------------- activation

/**
 * Loads an extension bundle (dist/extension.js, or the floor) with a stand-in `vscode` module and
 * times `activate`, loading the bundle included. The AWS SDK lives in dist/aws.js and must not be
 * loaded by activation.
 */
export function activationWorker(root: string, file: string): Measures {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require('node:module') as {
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
  };
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request: string, ...rest: unknown[]): string {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
  };
  // The names the real module exports (bundlers copy a module's own properties on import).
  const api: Record<string, unknown> = {};
  const declarations = readFileSync(
    path.join(root, 'node_modules', '@types', 'vscode', 'index.d.ts'),
    'utf8',
  );
  for (const match of declarations.matchAll(
    /^\texport (?:namespace|class|enum|const|function|let) (\w+)/gm,
  )) {
    api[match[1] as string] = stub(match[1] as string);
  }
  api.version = '1.90.0';
  require.cache.vscode = {
    id: 'vscode',
    filename: 'vscode',
    loaded: true,
    exports: api,
  } as unknown as NodeJS.Module;
  const context = new Proxy(
    {
      subscriptions: [] as unknown[],
      extensionPath: root,
      asAbsolutePath: (relative: string) => path.join(root, relative),
    },
    {
      get: (target, key) =>
        key in target ? target[key as keyof typeof target] : stub(String(key)),
    },
  );
  const start = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extension = require(file) as {
    activate(context: unknown): unknown;
  };
  extension.activate(context);
  const activation = performance.now() - start;
  const loadedSdk = Object.keys(require.cache).some((file) =>
    /aws-sdk|[\\/]dist[\\/]aws\.js$/.test(file),
  );
  return { activation, loadedSdk: loadedSdk ? 'yes' : 'no' };
}

/** A stand-in for any VS Code API: every property and call gives another stand-in. */
function stub(name: string): unknown {
  const target = function () {
    /* stand-in */
  };
  const assigned = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(_target, key) {
      if (assigned.has(key)) return assigned.get(key);
      if (key === 'then') return undefined;
      if (key === Symbol.toPrimitive) return () => name;
      if (key === Symbol.iterator) return function* () {};
      if (key === 'length') return 0;
      return stub(`${name}.${String(key)}`);
    },
    set(_target, key, value) {
      assigned.set(key, value);
      return true;
    },
    defineProperty(_target, key, descriptor) {
      assigned.set(key, descriptor.value);
      return true;
    },
    apply: () => stub(`${name}()`),
    construct: () => stub(`new ${name}`) as object,
  });
}
