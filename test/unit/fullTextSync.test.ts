/**
 * A client may send the whole text for every edit (LSP allows it). The server diffs it against
 * the previous text, so that a change inside one configuration re-parses that configuration only,
 * exactly as a ranged change does, and still gives what a full parse gives.
 */
import * as assert from 'node:assert/strict';
import { generateDocument } from '../../bench/generate';
import { sameTree } from '../../server/src/languageService/model/ast';
import { requestList } from '../../server/src/languageService/model/layout';
import { createLanguageService } from '../../server/src/languageService/languageService';
import { ChunkedTextDocument } from '../../server/src/lsp/chunkedDocument';
import { DocumentCache } from '../../server/src/lsp/documentCache';

const service = createLanguageService();

for (const format of ['json', 'yaml'] as const) {
  describe(`full-text changes of a ${format.toUpperCase()} request`, () => {
    it('re-parse only the configuration they touch', () => {
      const cache = new DocumentCache(service, () => []);
      const text = generateDocument(40, format, 7);
      const document = ChunkedTextDocument.create(
        `file:///work/full.remediation.${format}`,
        format,
        1,
        text,
      );
      const before = cache.get(document);
      const itemsBefore = [...(requestList(before.parsed!)?.list.items ?? [])];
      assert.equal(itemsBefore.length, 40);

      // Rename the rule of configuration 20, sent as the whole new text.
      const target = itemsBefore[20]!;
      const at = text.indexOf('ConfigRuleName', target.offset);
      const edited = `${text.slice(0, at)}ConfigRuleNamX${text.slice(at + 'ConfigRuleName'.length)}`;
      document.update([{ text: edited }], 2);
      const after = cache.get(document);

      assert.equal(before.parsed!.reparseFallback, undefined, 'no fallback to a full parse');
      const itemsAfter = requestList(after.parsed!)?.list.items ?? [];
      assert.equal(itemsAfter.length, 40);
      // The other configurations are the previous version's nodes (moved, not parsed again).
      itemsAfter.forEach((item, index) => {
        if (index === 20) assert.notEqual(item, itemsBefore[index], 'the edited one is new');
        else assert.equal(item, itemsBefore[index], `configuration ${index} kept`);
      });
      // And the result is a full parse's.
      const full = service.parse(edited, format);
      assert.ok(
        sameTree(after.parsed!.roots[0]!, 0, full.roots[0]!, 0),
        'same nodes as a full parse',
      );
      assert.deepEqual(
        service.validate(after.parsed!, 'request', {}).map((p) => `${p.ruleId}@${p.offset}`),
        service.validate(full, 'request', {}).map((p) => `${p.ruleId}@${p.offset}`),
      );
    });
  });
}
