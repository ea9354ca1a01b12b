/**
 * The first validation of a large document (open) checks every configuration and keeps its
 * findings per configuration (incremental/validation.ts): they must be exactly a full
 * validation's, each configuration's its own (an edit afterwards reuses them), and a rule that
 * fails on one configuration still runs on the others.
 */
import * as assert from 'node:assert/strict';
import { generateDocument } from '../../bench/generate';
import type { DocumentFormat } from '../../server/src/languageService/model/ast';
import { ValidationCache } from '../../server/src/languageService/incremental/validation';
import { reparseDocument } from '../../server/src/languageService/incremental/reparse';
import { createLanguageService } from '../../server/src/languageService/languageService';
import { stringSource } from '../../server/src/languageService/model/text';
import { allRules, INTERNAL_ERROR_RULE_ID } from '../../server/src/languageService/rules';
import type { RuleDefinition } from '../../server/src/languageService/rules/types';

const COUNT = 300;

/** A finding in many configurations, of several rules, some with quick fixes. */
function withFindings(format: DocumentFormat): string {
  let n = 0;
  return generateDocument(COUNT, format === 'yaml' ? 'yaml' : 'json', 7)
    .replace(/SSM_DOCUMENT/g, (match) => (n++ % 3 === 0 ? 'ssm_document' : match))
    .replace(/ConfigRemediation-(\d*7)\b/g, 'ConfigRemediation <$1>')
    .replace(/RetryAttemptSeconds(["]?): 4/g, 'RetryAttemptSeconds$1: -4');
}

for (const format of ['json', 'yaml'] as const) {
  describe(`opening a large document (${format})`, () => {
    it('gives exactly the findings of a full validation, and reuses them after an edit', () => {
      const service = createLanguageService();
      const text = withFindings(format);
      const parsed = service.parse(text, format);
      const cache = new ValidationCache();
      const opened = service.validate(parsed, 'request', { cache });
      assert.ok(opened.length >= 100, `${opened.length} findings`);
      assert.deepEqual(opened, service.validate(parsed, 'request'));
      assert.deepEqual(cache.lastRun, { checked: COUNT, reused: 0 });

      // Remove the wrong case of one configuration's TargetType: only its finding goes.
      const at = text.indexOf('ssm_document', text.length / 2);
      const next = `${text.slice(0, at)}SSM_DOCUMENT${text.slice(at + 12)}`;
      const reparsed = reparseDocument(
        parsed,
        { start: at, oldEnd: at + 12, newEnd: at + 12 },
        stringSource(next),
      );
      assert.ok(reparsed, 'an edit inside a configuration is parsed incrementally');
      const edited = service.validate(reparsed, 'request', { cache });
      assert.deepEqual(cache.lastRun, { checked: 1, reused: COUNT - 1 });
      assert.deepEqual(edited, service.validate(service.parse(next, format), 'request'));
      assert.equal(edited.length, opened.length - 1);
    });

    it('reports a rule that fails on one configuration, and runs it on the others', () => {
      const failing: RuleDefinition = {
        id: 'RC990',
        slug: 'test-fails-once',
        severity: 'warning',
        category: 'api',
        scope: 'configuration',
        description: 'Fails on one configuration, reports on the others.',
        check(context) {
          for (const { node } of context.configurations) {
            const name = node.properties.find((p) => p.keyNode.value === 'ConfigRuleName');
            const value = name?.valueNode;
            if (value?.type === 'string' && value.value.endsWith('-00150')) {
              throw new Error('test failure');
            }
            context.report(node, 'seen');
          }
        },
      };
      const service = createLanguageService({ rules: [...allRules, failing] });
      const parsed = service.parse(withFindings(format), format);
      const opened = service.validate(parsed, 'request', { cache: new ValidationCache() });
      // Checked one configuration at a time, the failure costs that configuration only (a full
      // validation's single run stops the rule there); the other rules' findings are the same.
      assert.equal(opened.filter((p) => p.ruleId === INTERNAL_ERROR_RULE_ID).length, 1);
      assert.equal(opened.filter((p) => p.ruleId === 'RC990').length, COUNT - 1);
      const others = (problems: typeof opened) =>
        problems.filter((p) => p.ruleId !== 'RC990' && p.ruleId !== INTERNAL_ERROR_RULE_ID);
      assert.deepEqual(others(opened), others(service.validate(parsed, 'request')));
    });
  });
}
