/**
 * The bundled server checks an edited document incrementally (chunked text, re-parsing and
 * re-checking only the configuration an edit touched). Whatever the edits, what it publishes must
 * be what a fresh open of the same text gives: random typing over LSP, compared after every edit
 * with the same text opened as a new document — diagnostics, and the quick fixes offered for them.
 * The edits are sent as ranges, and (as some clients do) as the whole new text.
 */
import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateDocument, random } from '../../bench/generate';
import { apply, randomEdit, undoEdit, type Edit } from '../unit/helpers/randomEdits';
import { useTestClient } from './lspClient';

const STEPS = 120;

function describeDiagnostics(diagnostics: Diagnostic[]): string[] {
  return diagnostics
    .map((d) => `${String(d.code)} ${JSON.stringify(d.range)} ${d.severity} ${d.message}`)
    .sort();
}

function describeActions(actions: CodeAction[] | null): string[] {
  return (actions ?? [])
    .map((a) => `${a.title} ${JSON.stringify(Object.values(a.edit?.changes ?? {}))}`)
    .sort();
}

describe('bundled server: incremental checking equals a fresh open', function () {
  this.timeout(180_000);
  const currentClient = useTestClient();

  for (const [format, seed, sync, suppressed] of [
    ['json', 3, 'ranged', false],
    ['yaml', 4, 'ranged', false],
    // Clients that send the whole text: the server diffs it and re-checks incrementally too.
    ['json', 3, 'full', false],
    ['yaml', 4, 'full', false],
    // Suppression comments apply to incremental findings as to fresh ones.
    ['yaml', 5, 'ranged', true],
  ] as const) {
    const steps = sync === 'full' || suppressed ? STEPS / 2 : STEPS;
    const title = `${format.toUpperCase()} request${suppressed ? ' with suppressions' : ''}`;
    it(`after random edits of a ${title} (${sync} changes)`, async () => {
      const client = currentClient();
      const rand = random(seed);
      const uri = `file:///work/edited.remediation.${format}`;
      // Problems all over the file (out-of-range attempts), so that a finding kept from an earlier
      // version at a wrong place would show.
      let initial = generateDocument(30, format, seed).replace(
        /("?MaximumAutomaticAttempts"?: )\d+/g,
        '$130',
      );
      if (suppressed) {
        // Half of them silenced: the other half stays (and moves) in the diagnostics.
        let count = 0;
        initial = initial.replace(/\n( +)MaximumAutomaticAttempts/g, (line, indent: string) =>
          count++ % 2 === 0
            ? `\n${indent}# config-remediation-disable-next-line RC106 -- reason${line}`
            : line,
        );
      }
      let mirror = TextDocument.create(uri, format, 1, initial);
      await client.open(uri, format, mirror.getText());
      const opened = await client.waitForDiagnostics(uri, (p) => p.version === 1);
      assert.ok(
        opened.diagnostics.length >= (suppressed ? 4 : 10),
        describeDiagnostics(opened.diagnostics).join('\n'),
      );
      const history: string[] = [];
      let broken = false;
      for (let step = 0; step < steps; step++) {
        const text = mirror.getText();
        let edit: Edit;
        if (history.length > 0 && rand() < (broken ? 0.9 : 0.2)) {
          // Undo, as users do after a slip: most edits then happen in a sound file, where the
          // server re-checks incrementally (in a broken one it parses the whole text).
          edit = undoEdit(text, history.pop() as string);
        } else {
          edit = randomEdit(text, format, rand);
          history.push(text);
        }
        const range = {
          start: mirror.positionAt(edit.offset),
          end: mirror.positionAt(edit.offset + edit.length),
        };
        const next = apply(text, edit);
        mirror = TextDocument.create(uri, format, mirror.version + 1, next);
        await client.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri, version: mirror.version },
          contentChanges: [sync === 'full' ? { text: next } : { range, text: edit.text }],
        });
        const edited = await client.waitForDiagnostics(uri, (p) => p.version === mirror.version);
        broken = edited.diagnostics.some((d) => d.code === 'RC001');

        const freshUri = `file:///work/fresh-${step}.remediation.${format}`;
        await client.open(freshUri, format, next);
        const fresh = await client.waitForDiagnostics(freshUri);
        const label = `step ${step}, edit ${JSON.stringify(edit)}`;
        assert.deepEqual(
          describeDiagnostics(edited.diagnostics),
          describeDiagnostics(fresh.diagnostics),
          label,
        );

        const whole = { start: { line: 0, character: 0 }, end: mirror.positionAt(next.length) };
        const [editedActions, freshActions] = await Promise.all(
          (
            [
              [uri, edited.diagnostics],
              [freshUri, fresh.diagnostics],
            ] as [string, Diagnostic[]][]
          ).map(
            ([target, diagnostics]) =>
              client.connection.sendRequest('textDocument/codeAction', {
                textDocument: { uri: target },
                range: whole,
                context: { diagnostics },
              }) as Promise<CodeAction[] | null>,
          ),
        );
        assert.deepEqual(
          describeActions(editedActions ?? null),
          describeActions(freshActions ?? null),
          `${label}: quick fixes`,
        );
        await client.connection.sendNotification('textDocument/didClose', {
          textDocument: { uri: freshUri },
        });
      }
      assert.equal(client.process.exitCode, null, `the server exited: ${client.stderr}`);
    });
  }

  it('answers completion and hover while typing in a large broken document, then publishes its diagnostics', async () => {
    const client = currentClient();
    // Over the server's "large" size: a full parse waits for a pause in typing, and requests
    // read a provisional parse of the configuration being typed in.
    const initial = generateDocument(200, 'yaml', 7);
    assert.ok(initial.length > 64 * 1024);
    const uri = 'file:///work/typing.remediation.yaml';
    let mirror = TextDocument.create(uri, 'yaml', 1, initial);
    await client.open(uri, 'yaml', initial);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const name = initial.indexOf('-00100');
    const completionAt = mirror.positionAt(initial.indexOf('TargetType', name) + 3);
    const hoverAt = mirror.positionAt(initial.indexOf('TargetId', name) + 2);
    const lineEnd = initial.indexOf('\n', initial.indexOf('TargetId', name));
    // An opening quote that is never closed: YAML reads on into the configurations after it.
    const typed = ['\n    Notes: "', ...'still typing'];
    let offset = lineEnd;
    for (const text of typed) {
      const at = mirror.positionAt(offset);
      const next = apply(mirror.getText(), { offset, length: 0, text });
      mirror = TextDocument.create(uri, 'yaml', mirror.version + 1, next);
      offset += text.length;
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: mirror.version },
        contentChanges: [{ range: { start: at, end: at }, text }],
      });
      const completion = (await client.connection.sendRequest('textDocument/completion', {
        textDocument: { uri },
        position: completionAt,
      })) as { items: { label: string }[] } | null;
      assert.ok(
        completion?.items.some((item) => item.label === 'TargetType'),
        `completion after ${JSON.stringify(text)}: ${JSON.stringify(completion?.items.map((i) => i.label))}`,
      );
      const hover = (await client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: hoverAt,
      })) as { contents: { value: string } } | null;
      assert.match(hover?.contents.value ?? '', /TargetId/);
    }
    const edited = await client.waitForDiagnostics(uri, (p) => p.version === mirror.version);
    assert.ok(
      edited.diagnostics.some((d) => d.code === 'RC001'),
      'the document is broken',
    );
    const freshUri = 'file:///work/typing-fresh.remediation.yaml';
    await client.open(freshUri, 'yaml', mirror.getText());
    const fresh = await client.waitForDiagnostics(freshUri);
    assert.deepEqual(
      describeDiagnostics(edited.diagnostics),
      describeDiagnostics(fresh.diagnostics),
    );
  });
});
