import * as assert from 'node:assert/strict';
import { parseAnnotated } from './helpers/annotated';
import { service } from './helpers/bothFormats';

function hoverAt(source: string, format: 'json' | 'yaml') {
  const { text, cursor } = parseAnnotated(source);
  const result = service.hover(service.parse(text, format), 'request', cursor);
  return { text, result };
}

describe('hover', () => {
  for (const format of ['json', 'yaml'] as const) {
    const doc = (yaml: string, json: string): string => (format === 'yaml' ? yaml : json);
    describe(format, () => {
      it('shows the API text, type, limits and required on a member key', () => {
        const { text, result } = hoverAt(
          doc(
            'RemediationConfigurations:\n  - Config$0RuleName: r\n',
            '{"RemediationConfigurations": [{"Config$0RuleName": "r"}]}',
          ),
          format,
        );
        assert.ok(result);
        assert.match(
          result.markdown,
          /^\*\*ConfigRuleName\*\* — string · 1–128 characters · pattern `\.\*\\S\.\*` · \*\*required\*\*/,
        );
        assert.match(result.markdown, /The name of the Config rule\./);
        assert.equal(
          text.substr(result.range.offset, result.range.length).replace(/"/g, ''),
          'ConfigRuleName',
        );
      });

      it('shows the default and the range of an integer member', () => {
        const { result } = hoverAt(
          doc(
            'RemediationConfigurations:\n  - ExecutionControls:\n      SsmControls:\n        Concurrent$0ExecutionRatePercentage: 10\n',
            '{"RemediationConfigurations": [{"ExecutionControls": {"SsmControls": {"Concurrent$0ExecutionRatePercentage": 10}}}]}',
          ),
          format,
        );
        assert.ok(result);
        assert.match(result.markdown, /integer · 1–100/);
        assert.match(result.markdown, /Default: `10`/);
        assert.match(
          result.markdown,
          /maximum percentage of remediation actions allowed to run in parallel/,
        );
      });

      it('puts the operation notes on the members they concern', () => {
        const automatic = hoverAt(
          doc(
            'RemediationConfigurations:\n  - Auto$0matic: true\n',
            '{"RemediationConfigurations": [{"Auto$0matic": true}]}',
          ),
          format,
        ).result;
        assert.ok(automatic);
        assert.match(
          automatic.markdown,
          /for automatic remediation configuration, the only valid `assumeRole` field value is `AutomationAssumeRole`/,
        );
        assert.match(
          automatic.markdown,
          /auto remediation can be initiated even for compliant resources/,
        );
        const target = hoverAt(
          doc(
            'RemediationConfigurations:\n  - Target$0Version: "1"\n',
            '{"RemediationConfigurations": [{"Target$0Version": "1"}]}',
          ),
          format,
        ).result;
        assert.ok(target);
        assert.match(target.markdown, /backward incompatible changes/i);
      });

      it('documents a value with its member (hover on an enum value)', () => {
        const { result } = hoverAt(
          doc(
            'RemediationConfigurations:\n  - TargetType: SSM_DOC$0UMENT\n',
            '{"RemediationConfigurations": [{"TargetType": "SSM_DOC$0UMENT"}]}',
          ),
          format,
        );
        assert.ok(result);
        assert.match(result.markdown, /\*\*TargetType\*\* — string · one of SSM_DOCUMENT/);
        assert.match(result.markdown, /The type of the target\./);
      });

      it('says nothing outside the request model', () => {
        const { result } = hoverAt(
          doc('Unrelated:\n  Ke$0y: 1\n', '{"Unrelated": {"Ke$0y": 1}}'),
          format,
        );
        assert.equal(result, undefined);
      });
    });
  }
});
