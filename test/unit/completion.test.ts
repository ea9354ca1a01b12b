import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { runsVsCodeCommands, stripSnippet, toCompletionItem } from '../../server/src/lsp/convert';
import { applyEdit, parseAnnotated } from './helpers/annotated';
import { service } from './helpers/bothFormats';

/** Completes at `$0` and returns the labels and a function applying an item (snippets as plain text). */
function completeAt(source: string, format: 'json' | 'yaml') {
  const { text, cursor } = parseAnnotated(source);
  const parsed = service.parse(text, format);
  const items = service.complete(parsed, 'request', cursor);
  return {
    labels: items.map((item) => item.label),
    apply(label: string): string {
      const item = items.find((candidate) => candidate.label === label);
      if (!item) throw new Error(`No item ${label} in ${items.map((i) => i.label).join(', ')}`);
      return applyEdit(text, { ...item.range, newText: stripSnippet(item.insertText) });
    },
  };
}

describe('completion', () => {
  describe('YAML', () => {
    it('offers the members not yet present in a configuration, and inserts key and value', () => {
      const result = completeAt(
        'RemediationConfigurations:\n  - ConfigRuleName: r\n    TargetType: SSM_DOCUMENT\n    Tar$0\n',
        'yaml',
      );
      assert.ok(result.labels.includes('TargetId'));
      assert.ok(!result.labels.includes('ConfigRuleName'));
      assert.ok(!result.labels.includes('TargetType'));
      assert.equal(
        result.apply('TargetId'),
        'RemediationConfigurations:\n  - ConfigRuleName: r\n    TargetType: SSM_DOCUMENT\n    TargetId: \n',
      );
    });

    it('inserts a nested object with the right indentation', () => {
      const result = completeAt(
        'RemediationConfigurations:\n  - ConfigRuleName: r\n    Exec$0\n',
        'yaml',
      );
      assert.equal(
        result.apply('ExecutionControls'),
        'RemediationConfigurations:\n  - ConfigRuleName: r\n    ExecutionControls:\n      \n',
      );
    });

    it('offers a whole configuration skeleton after "- " in the list', () => {
      const result = completeAt('RemediationConfigurations:\n  - $0\n', 'yaml');
      assert.ok(result.labels.includes('New remediation configuration'));
      const text = result.apply('New remediation configuration');
      assert.equal(
        text,
        [
          'RemediationConfigurations:',
          '  - ConfigRuleName: my-config-rule',
          '    TargetType: SSM_DOCUMENT',
          '    TargetId: AWSConfigRemediation-RunbookName',
          '    Parameters:',
          '      AutomationAssumeRole:',
          '        StaticValue:',
          '          Values:',
          '            - arn:aws:iam::123456789012:role/ConfigRemediationRole',
          '    ResourceType: AWS::S3::Bucket',
          '    Automatic: false',
          '',
        ].join('\n'),
      );
      // The skeleton itself is a valid request.
      const problems = service
        .validate(service.parse(text, 'yaml'), 'request')
        .filter((p) => p.severity === 'error');
      assert.deepEqual(
        problems.filter((p) => p.ruleId.startsWith('RC0') || p.ruleId.startsWith('RC1')),
        [],
      );
    });

    it('offers a new list item with its dash under the list key', () => {
      const result = completeAt('RemediationConfigurations:\n  $0\n', 'yaml');
      const text = result.apply('New remediation configuration');
      assert.ok(
        text.startsWith(
          'RemediationConfigurations:\n  - ConfigRuleName: my-config-rule\n    TargetType: SSM_DOCUMENT\n',
        ),
        text,
      );
    });

    it('completes enum values and booleans', () => {
      assert.deepEqual(
        completeAt('RemediationConfigurations:\n  - TargetType: $0\n', 'yaml').labels,
        ['SSM_DOCUMENT'],
      );
      assert.deepEqual(
        completeAt('RemediationConfigurations:\n  - Automatic: t$0\n', 'yaml').labels,
        ['true', 'false'],
      );
      const resource = completeAt(
        'RemediationConfigurations:\n  - Parameters:\n      B:\n        ResourceValue:\n          Value: $0\n',
        'yaml',
      );
      assert.deepEqual(resource.labels, ['RESOURCE_ID']);
    });

    it('adds the space YAML needs after a colon', () => {
      const result = completeAt('RemediationConfigurations:\n  - TargetType:$0\n', 'yaml');
      assert.equal(
        result.apply('SSM_DOCUMENT'),
        'RemediationConfigurations:\n  - TargetType: SSM_DOCUMENT\n',
      );
    });

    it('completes ResourceType from the AWS Config resource types', () => {
      const result = completeAt(
        'RemediationConfigurations:\n  - ResourceType: AWS::S3::B$0\n',
        'yaml',
      );
      assert.ok(result.labels.includes('AWS::S3::Bucket'));
      assert.ok(result.labels.length > 400, 'the whole list, filtered by the client');
      assert.equal(
        result.apply('AWS::S3::Bucket'),
        'RemediationConfigurations:\n  - ResourceType: AWS::S3::Bucket\n',
      );
    });

    it('offers the root key in an empty file', () => {
      const result = completeAt('$0', 'yaml');
      assert.deepEqual(result.labels, ['New remediation request', 'RemediationConfigurations']);
      assert.equal(result.apply('RemediationConfigurations'), 'RemediationConfigurations:\n  - ');
    });

    it('offers parameter value skeletons under Parameters', () => {
      const result = completeAt('RemediationConfigurations:\n  - Parameters:\n      $0\n', 'yaml');
      assert.ok(result.labels.includes('New parameter (StaticValue)'));
      assert.equal(
        result.apply('New parameter (ResourceValue)'),
        'RemediationConfigurations:\n  - Parameters:\n      ParameterName:\n        ResourceValue:\n          Value: RESOURCE_ID\n',
      );
    });

    it('offers SsmControls members inside ExecutionControls', () => {
      const result = completeAt(
        'RemediationConfigurations:\n  - ExecutionControls:\n      SsmControls:\n        $0\n',
        'yaml',
      );
      assert.deepEqual(result.labels.sort(), [
        'ConcurrentExecutionRatePercentage',
        'ErrorPercentage',
      ]);
      assert.equal(
        result.apply('ErrorPercentage'),
        'RemediationConfigurations:\n  - ExecutionControls:\n      SsmControls:\n        ErrorPercentage: 50\n',
      );
    });
  });

  describe('JSON', () => {
    it('offers missing members with quotes, colon and a comma when a sibling follows', () => {
      const result = completeAt(
        '{"RemediationConfigurations": [{$0"ConfigRuleName": "r"}]}',
        'json',
      );
      assert.ok(result.labels.includes('TargetType'));
      assert.ok(!result.labels.includes('ConfigRuleName'));
      assert.equal(
        result.apply('TargetType'),
        '{"RemediationConfigurations": [{"TargetType": "SSM_DOCUMENT","ConfigRuleName": "r"}]}',
      );
    });

    it('replaces a partly typed quoted key', () => {
      const result = completeAt(
        '{"RemediationConfigurations": [{"ConfigRuleName": "r", "Tar$0"}]}',
        'json',
      );
      assert.equal(
        result.apply('TargetId'),
        '{"RemediationConfigurations": [{"ConfigRuleName": "r", "TargetId": ""}]}',
      );
    });

    it('completes enum values inside quotes', () => {
      const result = completeAt('{"RemediationConfigurations": [{"TargetType": "SS$0"}]}', 'json');
      assert.deepEqual(result.labels, ['SSM_DOCUMENT']);
      assert.equal(
        result.apply('SSM_DOCUMENT'),
        '{"RemediationConfigurations": [{"TargetType": "SSM_DOCUMENT"}]}',
      );
    });

    it('completes booleans without quotes', () => {
      const result = completeAt('{"RemediationConfigurations": [{"Automatic": $0}]}', 'json');
      assert.equal(result.apply('false'), '{"RemediationConfigurations": [{"Automatic": false}]}');
    });

    it('offers a configuration skeleton in the list', () => {
      const result = completeAt('{\n  "RemediationConfigurations": [\n    $0\n  ]\n}', 'json');
      const text = result.apply('New remediation configuration');
      const problems = service.validate(service.parse(text, 'json'), 'request');
      assert.deepEqual(
        problems.filter((p) => p.ruleId === 'RC001'),
        [],
        text,
      );
      assert.match(text, /\n {4}\{\n {6}"ConfigRuleName": "my-config-rule",\n/);
    });

    it('offers the root key in an empty object', () => {
      const result = completeAt('{$0}', 'json');
      assert.deepEqual(result.labels, ['New remediation request', 'RemediationConfigurations']);
      assert.equal(result.apply('RemediationConfigurations'), '{"RemediationConfigurations": []}');
    });
  });

  describe('first run: an empty file', () => {
    /** The errors (not placeholders' warnings) of a text. */
    const errorsOf = (text: string, format: 'json' | 'yaml') =>
      service
        .validate(service.parse(text, format), 'request')
        .filter((p) => p.severity === 'error')
        .map((p) => `${p.ruleId} ${p.message}`);

    for (const format of ['yaml', 'json'] as const) {
      it(`${format}: offers the whole request as one preselected item, first in the list`, () => {
        const items = service.complete(service.parse('', format), 'request', 0);
        const sorted = [...items].sort((a, b) =>
          (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label),
        );
        assert.equal(sorted[0]!.label, 'New remediation request');
        assert.equal(sorted[0]!.preselect, true);
        const text = stripSnippet(sorted[0]!.insertText);
        const value = (
          format === 'yaml' ? service.parse(text, 'yaml') : service.parse(text, 'json')
        ).roots[0];
        assert.ok(value, text);
        // Every member the first run needs, with valid values; no error when filled with defaults.
        for (const member of [
          'ConfigRuleName',
          'TargetType',
          'SSM_DOCUMENT',
          'TargetId',
          'AutomationAssumeRole',
          'Automatic',
          'MaximumAutomaticAttempts',
          'RetryAttemptSeconds',
        ]) {
          assert.ok(text.includes(member), `${member} in\n${text}`);
        }
        assert.deepEqual(errorsOf(text, format), []);
      });
    }

    it('JSON: inside the empty object of a new file, offers the request content', () => {
      const items = service.complete(service.parse('{}', 'json'), 'request', 1);
      const item = items.find((i) => i.label === 'New remediation request');
      assert.ok(item, items.map((i) => i.label).join(', '));
      const text = applyEdit('{}', { ...item.range, newText: stripSnippet(item.insertText) });
      assert.deepEqual(errorsOf(text, 'json'), []);
      assert.match(text, /^\{"RemediationConfigurations": \[/);
    });

    it('not in a file with content, nor in a template', () => {
      const labels = service
        .complete(service.parse('RemediationConfigurations:\n  - \n', 'yaml'), 'request', 30)
        .map((i) => i.label);
      assert.ok(!labels.includes('New remediation request'), labels.join(', '));
      const template = service
        .complete(service.parse('', 'yaml'), 'cloudformation', 0)
        .map((i) => i.label);
      assert.ok(!template.includes('New remediation request'), template.join(', '));
    });

    it('the ConfigRuleName is a choice of the rule names known (account, other open files)', () => {
      const account = {
        accountId: '444455556666',
        region: 'eu-west-1',
        fetchedAt: new Date(0).toISOString(),
        configRules: [{ name: 'account-rule' }],
        documents: [],
      };
      const items = service.complete(service.parse('', 'yaml'), 'request', 0, {
        account,
        ruleNames: () => ['open-file-rule', 'not,a|choice', 'account-rule'],
      });
      const skeleton = items.find((i) => i.label === 'New remediation request')!;
      assert.match(skeleton.insertText, /ConfigRuleName: \$\{1\|account-rule,open-file-rule\|\}\n/);
      // The configuration skeleton in a list too.
      const inList = service.complete(
        service.parse('RemediationConfigurations:\n  \n', 'yaml'),
        'request',
        29,
        { ruleNames: () => ['open-file-rule'] },
      );
      const configuration = inList.find((i) => i.label === 'New remediation configuration');
      assert.ok(configuration, inList.map((i) => i.label).join(', '));
      assert.match(configuration.insertText, /ConfigRuleName: \$\{1\|open-file-rule\|\}/);
      // Without names: a placeholder to type over.
      const plain = service.complete(service.parse('', 'yaml'), 'request', 0);
      assert.match(plain[0]!.insertText, /ConfigRuleName: \$\{1:my-config-rule\}/);
      // A failing source of names never fails completion.
      const failing = service.complete(service.parse('', 'yaml'), 'request', 0, {
        ruleNames: () => {
          throw new Error('boom');
        },
      });
      assert.equal(failing[0]!.label, 'New remediation request');
    });

    it('after the RemediationConfigurations key, completion opens again (VS Code only)', () => {
      const text = '{}';
      const items = service.complete(service.parse(text, 'json'), 'request', 1);
      const key = items.find((i) => i.label === 'RemediationConfigurations')!;
      assert.equal(key.retrigger, true);
      assert.equal(key.preselect, true);
      const document = TextDocument.create('file:///x.remediation.json', 'json', 1, text);
      assert.deepEqual(toCompletionItem(document, key, true, true).command, {
        title: 'Suggest',
        command: 'editor.action.triggerSuggest',
      });
      assert.equal(toCompletionItem(document, key, true, false).command, undefined);
      // A member key does not reopen completion.
      const member = service
        .complete(service.parse('RemediationConfigurations:\n  - Tar\n', 'yaml'), 'request', 33)
        .find((i) => i.label === 'TargetId')!;
      assert.equal(toCompletionItem(document, member, true, true).command, undefined);
    });

    it('which clients get the VS Code command: VS Code and its forks, not Neovim', () => {
      assert.equal(runsVsCodeCommands('Visual Studio Code', undefined), true);
      assert.equal(runsVsCodeCommands('code-server', undefined), true);
      assert.equal(runsVsCodeCommands('VSCodium', undefined), true);
      assert.equal(runsVsCodeCommands('Neovim', undefined), false);
      assert.equal(runsVsCodeCommands(undefined, {}), false);
      assert.equal(runsVsCodeCommands('Neovim', { vscodeCommands: true }), true);
    });

    it("our items sort before other providers' (the JSON extension's $schema)", () => {
      const text = '{}';
      const document = TextDocument.create('file:///x.remediation.json', 'json', 1, text);
      for (const item of service.complete(service.parse(text, 'json'), 'request', 1)) {
        const sortText = toCompletionItem(document, item, true).sortText!;
        assert.ok(sortText < '$schema', sortText);
      }
    });
  });
});
