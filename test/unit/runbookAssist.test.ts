import * as assert from 'node:assert/strict';
import { stripSnippet } from '../../server/src/lsp/convert';
import { applyEdit, parseAnnotated } from './helpers/annotated';
import { service } from './helpers/bothFormats';

/** Completes at `$0`: the items, and the text after inserting one (snippets as plain text). */
function completeAt(source: string, format: 'json' | 'yaml') {
  const { text, cursor } = parseAnnotated(source);
  const items = service.complete(service.parse(text, format), 'request', cursor);
  return {
    items,
    labels: items.map((item) => item.label),
    apply(label: string): string {
      const item = items.find((candidate) => candidate.label === label);
      if (!item) throw new Error(`No item ${label} in ${items.map((i) => i.label).join(', ')}`);
      return applyEdit(text, { ...item.range, newText: stripSnippet(item.insertText) });
    },
  };
}

function hoverAt(source: string, format: 'json' | 'yaml') {
  const { text, cursor } = parseAnnotated(source);
  return { text, result: service.hover(service.parse(text, format), 'request', cursor) };
}

const ROLE = 'arn:aws:iam::444455556666:role/ConfigRemediationRole';

describe('runbook completion and hover, from the catalog', () => {
  describe('TargetId completion', () => {
    it('YAML: offers every catalogued runbook with its description', () => {
      const result = completeAt(
        'RemediationConfigurations:\n  - TargetId: AWS-Disable$0\n',
        'yaml',
      );
      assert.equal(result.items.length, service.catalog.all.length);
      const item = result.items.find((i) => i.label === 'AWS-DisableS3BucketPublicReadWrite');
      assert.ok(item);
      assert.equal(item.detail, 'AWS-managed runbook · AWS::S3::Bucket');
      assert.match(item.documentation ?? '', /Blocks public read\/write access on an S3 bucket/);
      assert.equal(
        result.apply('AWS-DisableS3BucketPublicReadWrite'),
        'RemediationConfigurations:\n  - TargetId: AWS-DisableS3BucketPublicReadWrite\n',
      );
    });

    it('YAML: adds the space after "TargetId:"', () => {
      const result = completeAt('RemediationConfigurations:\n  - TargetId:$0\n', 'yaml');
      assert.equal(
        result.apply('AWS-EnableS3BucketEncryption'),
        'RemediationConfigurations:\n  - TargetId: AWS-EnableS3BucketEncryption\n',
      );
    });

    it('JSON: inside the quotes', () => {
      const result = completeAt(
        '{"RemediationConfigurations": [{"TargetId": "AWS-En$0"}]}',
        'json',
      );
      assert.equal(
        result.apply('AWS-EnableS3BucketEncryption'),
        '{"RemediationConfigurations": [{"TargetId": "AWS-EnableS3BucketEncryption"}]}',
      );
    });
  });

  describe('parameter-name completion', () => {
    const yamlPrefix = `RemediationConfigurations:
  - ConfigRuleName: s3-bucket-public-read-prohibited
    TargetType: SSM_DOCUMENT
    TargetId: AWS-DisableS3BucketPublicReadWrite
    Parameters:
`;

    it('YAML, on an empty indented line under Parameters: the resource-id parameter gets ResourceValue', () => {
      const result = completeAt(`${yamlPrefix}      $0\n    Automatic: false\n`, 'yaml');
      assert.ok(result.labels.includes('S3BucketName'));
      assert.ok(result.labels.includes('AutomationAssumeRole'));
      const item = result.items.find((i) => i.label === 'S3BucketName')!;
      assert.equal(item.detail, 'String · required · resource ID');
      assert.equal(
        result.apply('S3BucketName'),
        `${yamlPrefix}      S3BucketName:\n        ResourceValue:\n          Value: RESOURCE_ID\n    Automatic: false\n`,
      );
    });

    it('YAML, AutomationAssumeRole gets a StaticValue skeleton with a role ARN', () => {
      const result = completeAt(`${yamlPrefix}      Auto$0\n`, 'yaml');
      assert.equal(
        result.apply('AutomationAssumeRole'),
        `${yamlPrefix}      AutomationAssumeRole:\n        StaticValue:\n          Values:\n            - arn:aws:iam::123456789012:role/ConfigRemediationRole\n`,
      );
    });

    it('YAML, the cursor at the end of the document after existing parameters; present ones are not offered', () => {
      const text = `${yamlPrefix}      S3BucketName:\n        ResourceValue:\n          Value: RESOURCE_ID\n      $0`;
      const result = completeAt(text, 'yaml');
      assert.ok(result.labels.includes('AutomationAssumeRole'), result.labels.join(', '));
      assert.ok(!result.labels.includes('S3BucketName'));
    });

    it('YAML, allowed values become choices and a Boolean stays a string', () => {
      const result = completeAt(
        'RemediationConfigurations:\n  - TargetId: AWSConfigRemediation-SetIAMPasswordPolicy\n    Parameters:\n      Req$0\n',
        'yaml',
      );
      const item = result.items.find((i) => i.label === 'RequireSymbols')!;
      assert.match(item.insertText, /- "\$\{1\|true,false\|\}"$/);
      assert.equal(item.detail, 'Boolean · default `false`');
      const versioning = completeAt(
        'RemediationConfigurations:\n  - TargetId: AWS-ConfigureS3BucketVersioning\n    Parameters:\n      $0\n',
        'yaml',
      ).items.find((i) => i.label === 'VersioningState')!;
      assert.match(versioning.insertText, /- \$\{1\|Enabled,Suspended\|\}$/);
    });

    it('JSON, inside the Parameters object', () => {
      const source = `{
  "RemediationConfigurations": [
    {
      "TargetId": "AWS-DisableS3BucketPublicReadWrite",
      "Parameters": {
        $0
      }
    }
  ]
}`;
      const result = completeAt(source, 'json');
      assert.ok(result.labels.includes('S3BucketName'));
      assert.equal(
        result.apply('S3BucketName'),
        source.replace(
          '$0',
          '"S3BucketName": {\n          "ResourceValue": {\n            "Value": "RESOURCE_ID"\n          }\n        }',
        ),
      );
    });

    it('JSON, a partial quoted key before another parameter gets a comma', () => {
      const source = `{"RemediationConfigurations": [{"TargetId": "AWS-DisableS3BucketPublicReadWrite", "Parameters": {"Auto$0" "S3BucketName": {"ResourceValue": {"Value": "RESOURCE_ID"}}}}]}`;
      const result = completeAt(source, 'json');
      const item = result.items.find((i) => i.label === 'AutomationAssumeRole');
      assert.ok(item, result.labels.join(', '));
      assert.ok(item.insertText.startsWith('"AutomationAssumeRole": {'));
      assert.ok(item.insertText.endsWith('},'));
    });

    it('a custom runbook offers no runbook parameters (only the generic snippets)', () => {
      const result = completeAt(
        'RemediationConfigurations:\n  - TargetId: MyCompany-Fix\n    Parameters:\n      $0\n',
        'yaml',
      );
      assert.deepEqual(result.labels, [
        'New parameter (StaticValue)',
        'New parameter (ResourceValue)',
      ]);
    });

    it("the second configuration's runbook, not the first's", () => {
      const result = completeAt(
        `RemediationConfigurations:
  - TargetId: AWS-DisableS3BucketPublicReadWrite
    Parameters:
      S3BucketName: {ResourceValue: {Value: RESOURCE_ID}}
  - TargetId: AWS-ConfigureS3BucketVersioning
    Parameters:
      $0
`,
        'yaml',
      );
      assert.ok(result.labels.includes('VersioningState'));
      assert.ok(!result.labels.includes('S3BucketName'));
    });
  });

  describe('hover', () => {
    for (const format of ['json', 'yaml'] as const) {
      const doc = (yaml: string, json: string): string => (format === 'yaml' ? yaml : json);

      it(`${format}: on TargetId, the runbook and its parameters`, () => {
        const { result } = hoverAt(
          doc(
            'RemediationConfigurations:\n  - TargetId: AWS-Configure$0S3BucketVersioning\n',
            '{"RemediationConfigurations": [{"TargetId": "AWS-Configure$0S3BucketVersioning"}]}',
          ),
          format,
        );
        assert.ok(result);
        assert.match(result.markdown, /Target ID is the name of the SSM document\./);
        assert.match(
          result.markdown,
          /\*\*Runbook AWS-ConfigureS3BucketVersioning\*\* \(AWS-managed\)/,
        );
        assert.match(result.markdown, /Sets the versioning state of an S3 bucket\./);
        assert.match(result.markdown, /\| `BucketName` \| String \| required \|  \|/);
        assert.match(
          result.markdown,
          /\| `VersioningState` \| String \| default `Enabled` \| `Enabled`, `Suspended` \|/,
        );
        assert.match(result.markdown, /resource ID \(`RESOURCE_ID`\) goes to `BucketName`/);
        // The runbook is what the user hovered for: it leads, the generic TargetId text follows.
        assert.ok(
          result.markdown.indexOf('**Runbook AWS-ConfigureS3BucketVersioning**') <
            result.markdown.indexOf('Target ID is the name of the SSM document.'),
          'the runbook comes before the API text',
        );
      });

      it(`${format}: on an unknown AWS- runbook, says so`, () => {
        const { result } = hoverAt(
          doc(
            'RemediationConfigurations:\n  - TargetId: AWS-EnableRds$0DbEncryption\n',
            '{"RemediationConfigurations": [{"TargetId": "AWS-EnableRds$0DbEncryption"}]}',
          ),
          format,
        );
        assert.match(result?.markdown ?? '', /is not in the bundled catalog/);
      });

      it(`${format}: on a parameter key, its type, required or default, allowed values`, () => {
        const { text, result } = hoverAt(
          doc(
            `RemediationConfigurations:\n  - TargetId: AWS-ConfigureS3BucketLogging\n    Parameters:\n      Granted$0Permission:\n        StaticValue: {Values: [READ]}\n      AutomationAssumeRole: {StaticValue: {Values: [${ROLE}]}}\n`,
            `{"RemediationConfigurations": [{"TargetId": "AWS-ConfigureS3BucketLogging", "Parameters": {"Granted$0Permission": {"StaticValue": {"Values": ["READ"]}}}}]}`,
          ),
          format,
        );
        assert.ok(result);
        assert.match(
          result.markdown,
          /\*\*GrantedPermission\*\* — parameter of runbook `AWS-ConfigureS3BucketLogging`/,
        );
        assert.match(result.markdown, /Type: `String` · optional, default `""`/);
        assert.match(result.markdown, /Allowed values: `FULL_CONTROL`, `READ`, `WRITE`, `""`/);
        assert.match(result.markdown, /Runbook: Enables server access logging on an S3 bucket\./);
        assert.equal(
          text.substr(result.range.offset, result.range.length).replace(/"/g, ''),
          'GrantedPermission',
        );
      });

      it(`${format}: on a required parameter and the resource-id parameter`, () => {
        const { result } = hoverAt(
          doc(
            'RemediationConfigurations:\n  - TargetId: AWS-ConfigureS3BucketLogging\n    Parameters:\n      Bucket$0Name: {ResourceValue: {Value: RESOURCE_ID}}\n',
            '{"RemediationConfigurations": [{"TargetId": "AWS-ConfigureS3BucketLogging", "Parameters": {"Bucket$0Name": {"ResourceValue": {"Value": "RESOURCE_ID"}}}}]}',
          ),
          format,
        );
        assert.match(result?.markdown ?? '', /Type: `String` · \*\*required\*\* \(no default\)/);
        assert.match(result?.markdown ?? '', /Takes the noncompliant resource's ID/);
      });

      it(`${format}: on a parameter of a custom runbook, only the API text`, () => {
        const { result } = hoverAt(
          doc(
            'RemediationConfigurations:\n  - TargetId: MyCompany-Fix\n    Parameters:\n      Bucket$0Name: {ResourceValue: {Value: RESOURCE_ID}}\n',
            '{"RemediationConfigurations": [{"TargetId": "MyCompany-Fix", "Parameters": {"Bucket$0Name": {"ResourceValue": {"Value": "RESOURCE_ID"}}}}]}',
          ),
          format,
        );
        assert.ok(result);
        assert.doesNotMatch(result.markdown, /parameter of runbook/);
      });
    }
  });
});
