/**
 * Property-based tests of the bundled server (dist/server.js --stdio): random documents and random
 * edit sequences, including edits at positions outside the document, interleaved with requests.
 * Every request must be answered within a bound, the server must stay up, and the diagnostics it
 * publishes must lie inside the document. Seed and runs: see test/unit/helpers/fuzz.ts.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PAYLOAD_REQUEST } from '../../common/src/protocol';
import { fuzzParameters, suiteTimeout } from '../unit/helpers/fuzz';
import { SERVER_PATH, TestClient } from './lspClient';

const ROOT = path.join(__dirname, '..', '..', '..');
const RUNS = 60;
const TIME_LIMIT_MS = 8000;
/** Every request must be answered within this (generous for slow CI machines). */
const ANSWER_BOUND_MS = 5000;

interface Example {
  name: string;
  text: string;
  languageId: 'json' | 'yaml';
}

function examples(): Example[] {
  const result: Example[] = [];
  for (const folder of ['valid', 'with-problems']) {
    const directory = path.join(ROOT, 'examples', folder);
    for (const name of readdirSync(directory).sort()) {
      const languageId = name.endsWith('.json')
        ? 'json'
        : /\.ya?ml$/.test(name)
          ? 'yaml'
          : undefined;
      if (languageId) {
        result.push({ name, languageId, text: readFileSync(path.join(directory, name), 'utf8') });
      }
    }
  }
  return result;
}

/** Resolves with the promise's value, or rejects when it takes longer than the bound. */
async function within<T>(what: string, promise: Promise<T>, ms = ANSWER_BOUND_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A position, sometimes past the end of its line or of the document (clients do send those). */
const positionArb: fc.Arbitrary<{ line: number; character: number }> = fc.record({
  line: fc.oneof(fc.nat({ max: 60 }), fc.constant(1_000_000)),
  character: fc.oneof(fc.nat({ max: 80 }), fc.constant(1_000_000)),
});

const SNIPPETS = [
  '', 'x', '"', '{', '}', '[', ']', ':', ',', '\n', '\r\n', '- ', '  ', '😀', '\ud83d', '\u0000',
  '"Parameters": {', 'TargetType: SSM_DOCUMENT\n', 'RemediationConfigurations', '<<: *a\n',
]; // prettier-ignore

type Operation =
  | { kind: 'edit'; start: Position; end: Position; text: string }
  | { kind: 'replaceAll'; text: string }
  | { kind: 'request'; method: 'completion' | 'hover' | 'codeAction' | 'payload'; at: Position };

const operationArb: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      start: positionArb,
      end: positionArb,
      text: fc.constantFrom(...SNIPPETS),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('replaceAll' as const),
      text: fc.string({ unit: 'binary', maxLength: 80 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('request' as const),
      method: fc.constantFrom('completion' as const, 'hover' as const, 'codeAction' as const, 'payload' as const),
      at: positionArb,
    }),
  },
); // prettier-ignore

/**
 * Applies a change the way an LSP server must: positions clamped into the document (past the end
 * of a line → its end, past the last line → the end of the text), a reversed range read forwards.
 * A fresh TextDocument per version: vscode-languageserver-textdocument's own incremental update
 * corrupts its line table on out-of-range positions (see test/unit/fuzzDocuments.test.ts).
 */
export function applyChange(
  document: TextDocument,
  change: TextDocumentContentChangeEvent,
): TextDocument {
  const version = document.version + 1;
  if (!('range' in change) || !change.range) {
    return TextDocument.create(document.uri, document.languageId, version, change.text);
  }
  const a = document.offsetAt(change.range.start);
  const b = document.offsetAt(change.range.end);
  const text = document.getText();
  const next = text.slice(0, Math.min(a, b)) + change.text + text.slice(Math.max(a, b));
  return TextDocument.create(document.uri, document.languageId, version, next);
}

/** Whether an LSP range lies inside a document (positions are clamped by nobody on the way). */
function rangeInside(document: TextDocument, range: { start: Position; end: Position }): boolean {
  const inside = (position: Position): boolean => {
    if (position.line < 0 || position.character < 0) return false;
    if (position.line >= document.lineCount) return false;
    const lineText = document.getText({
      start: { line: position.line, character: 0 },
      end: { line: position.line + 1, character: 0 },
    });
    return position.character <= lineText.replace(/\r?\n$|\r$/, '').length;
  };
  return inside(range.start) && inside(range.end);
}

describe('fuzz: server over stdio', function () {
  this.timeout(suiteTimeout(TIME_LIMIT_MS) + 30_000);
  let client: TestClient;
  let documentNumber = 0;
  const EXAMPLES = examples();

  before(async function () {
    if (!existsSync(SERVER_PATH)) throw new Error('dist/server.js is missing: run `npm run build`');
    client = new TestClient();
    await client.initialize();
  });

  after(async () => {
    await client.shutdown();
  });

  async function request(
    method: 'completion' | 'hover' | 'codeAction' | 'payload',
    uri: string,
    at: Position,
  ): Promise<unknown> {
    const textDocument = { uri };
    switch (method) {
      case 'completion':
        return client.connection.sendRequest('textDocument/completion', { textDocument, position: at });
      case 'hover':
        return client.connection.sendRequest('textDocument/hover', { textDocument, position: at });
      case 'codeAction':
        return client.connection.sendRequest('textDocument/codeAction', {
          textDocument,
          range: { start: { line: 0, character: 0 }, end: at },
          context: { diagnostics: [] },
        });
      case 'payload':
        return client.connection.sendRequest(PAYLOAD_REQUEST, { uri });
    }
  } // prettier-ignore

  it('answers every request in time and publishes diagnostics inside the document, whatever the edits', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...EXAMPLES),
        fc.array(operationArb, { minLength: 1, maxLength: 12 }),
        async (example, operations) => {
          const uri = `file:///fuzz/doc${documentNumber++}.remediation.${example.languageId}`;
          let mirror = TextDocument.create(uri, example.languageId, 1, example.text);
          await client.open(uri, example.languageId, example.text);
          for (const operation of operations) {
            if (operation.kind === 'request') {
              const answer = await within(
                `${operation.method} at ${JSON.stringify(operation.at)}`,
                request(operation.method, uri, operation.at),
              );
              if (operation.method === 'hover' && answer) {
                const range = (answer as { range?: { start: Position; end: Position } }).range;
                if (range) assert.ok(rangeInside(mirror, range), `hover range ${JSON.stringify(range)}`);
              }
              continue;
            }
            const change: TextDocumentContentChangeEvent =
              operation.kind === 'edit'
                ? { range: { start: operation.start, end: operation.end }, text: operation.text }
                : { text: operation.text };
            // The server must end up with the same text as this mirror.
            mirror = applyChange(mirror, change);
            await client.connection.sendNotification('textDocument/didChange', {
              textDocument: { uri, version: mirror.version },
              contentChanges: [change],
            });
          }
          const published = await within(
            'diagnostics of the last version',
            client.waitForDiagnostics(uri, (p) => p.version === mirror.version),
          );
          for (const diagnostic of published.diagnostics) {
            assert.ok(
              rangeInside(mirror, diagnostic.range),
              `${String(diagnostic.code)} at ${JSON.stringify(diagnostic.range)} is outside ${JSON.stringify(mirror.getText())}`,
            );
          }
          await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
          assert.equal(client.process.exitCode, null, `the server exited: ${client.stderr}`);
        },
      ),
      fuzzParameters(RUNS, TIME_LIMIT_MS),
    );
  }); // prettier-ignore

  it('says RC005 for a 10 MB file and keeps answering other documents meanwhile', async () => {
    const big = 'file:///fuzz/big.remediation.json';
    const unit = JSON.stringify({ ConfigRuleName: 'r', TargetType: 'SSM_DOCUMENT', TargetId: 'AWS-X' });
    const text = `{"RemediationConfigurations": [${Array(Math.ceil(10_500_000 / unit.length)).fill(unit).join(',')}]}`;
    const small = 'file:///fuzz/small.remediation.yaml';
    await client.open(big, 'json', text);
    await client.open(small, 'yaml', 'RemediationConfigurations:\n  - TargetType: SSM_DOCUMENT\n');
    const diagnostics = await within('RC005', client.waitForDiagnostics(big, () => true), 15_000);
    assert.deepEqual(diagnostics.diagnostics.map((d) => d.code), ['RC005']);
    const started = performance.now();
    await within('hover on a small file', request('hover', small, { line: 1, character: 6 }));
    await within('completion on the big file', request('completion', big, { line: 0, character: 5 }));
    await within('an edit of the big file', (async () => {
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: big, version: 2 },
        contentChanges: [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: ' ' }],
      });
      await client.waitForDiagnostics(big, (p) => p.version === 2, ANSWER_BOUND_MS);
    })());
    assert.ok(performance.now() - started < 3 * ANSWER_BOUND_MS);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: big } });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: small } });
  }); // prettier-ignore
});
