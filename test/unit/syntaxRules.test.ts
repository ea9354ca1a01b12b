import * as assert from 'node:assert/strict';
import { parseAnnotated } from './helpers/annotated';
import { service } from './helpers/bothFormats';

/** Validates an annotated document and compares the problems of the given rules with the carets. */
function check(source: string, format: 'json' | 'jsonc' | 'yaml', ruleIds: readonly string[]) {
  const { text, expected } = parseAnnotated(source);
  const problems = service.validate(service.parse(text, format), 'request');
  const actual = problems
    .filter((p) => ruleIds.includes(p.ruleId))
    .map((p) => ({ ruleId: p.ruleId, offset: p.offset, length: p.length }));
  assert.deepEqual(actual, expected, JSON.stringify(problems, null, 1));
  return problems;
}

describe('syntax rules (RC0xx)', () => {
  it('RC001 reports JSON syntax errors at their position', () => {
    check(
      `{"RemediationConfigurations": [
  {"ConfigRuleName": "r" "TargetType": "SSM_DOCUMENT"}
                         ^^^^^^^^^^^^ RC001
]}`,
      'json',
      ['RC001'],
    );
  });

  it('RC001 rejects comments in .json (the AWS CLI reads strict JSON) but not in .jsonc', () => {
    const problems = check(
      `{
  // my rules
  ^^^^^^^^^^^ RC001
  "RemediationConfigurations": []
}`,
      'json',
      ['RC001'],
    );
    assert.match(problems[0]!.message, /Comments are not allowed in JSON.*\.jsonc/);
    check('{\n  // my rules\n  "RemediationConfigurations": [],\n}', 'jsonc', ['RC001']);
  });

  it('RC001 reports YAML syntax errors at their position', () => {
    const problems = service.validate(
      service.parse('RemediationConfigurations:\n  - ConfigRuleName: "unclosed\n', 'yaml'),
      'request',
    );
    const syntax = problems.filter((p) => p.ruleId === 'RC001');
    assert.ok(syntax.length > 0);
    assert.ok(syntax.every((p) => p.offset >= 0 && p.offset <= 60));
  });

  describe('one RC001 per fault (no parser cascades)', () => {
    /** The RC001 problems of a text, with what each covers. */
    function syntax(text: string, format: 'json' | 'jsonc' | 'yaml') {
      return service
        .validate(service.parse(text, format), 'request')
        .filter((p) => p.ruleId === 'RC001')
        .map((p) => ({
          at: text.slice(p.offset, p.offset + p.length),
          offset: p.offset,
          message: p.message,
        }));
    }
    const CONFIG_JSON = `{
  "RemediationConfigurations": [
    {
      "ConfigRuleName": "r",
      "TargetType": "SSM_DOCUMENT",
      "TargetId": "AWS-PublishSNSNotification",
    }
  ]
}`;

    it('JSON: a trailing comma before "}" is one "Trailing comma" at the comma', () => {
      const problems = syntax(CONFIG_JSON, 'json');
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(problems[0]!.at, ',');
      assert.equal(problems[0]!.offset, CONFIG_JSON.indexOf('",\n    }') + 1);
      assert.match(problems[0]!.message, /^Trailing comma/);
      // JSONC allows trailing commas.
      assert.deepEqual(syntax(CONFIG_JSON, 'jsonc'), []);
    });

    it('JSON: a trailing comma before "]", and one in each of two objects, each once', () => {
      const text =
        '{"RemediationConfigurations": [{"ConfigRuleName": "a",}, {"ConfigRuleName": "b"},]}';
      const problems = syntax(text, 'json');
      assert.deepEqual(
        problems.map((p) => [p.at, p.offset]),
        [
          [',', text.indexOf('",}') + 1],
          [',', text.indexOf('},]') + 1],
        ],
      );
      assert.match(problems[1]!.message, /Trailing comma: JSON allows no comma before "\]"/);
    });

    it('JSON: an unquoted name, a bad value, an unclosed string: one error each', () => {
      const unquoted = syntax('{"RemediationConfigurations": [{ConfigRuleName: "a"}]}', 'json');
      assert.equal(unquoted.length, 1, JSON.stringify(unquoted));
      assert.equal(unquoted[0]!.at, 'ConfigRuleName');
      assert.match(unquoted[0]!.message, /names must be in double quotes/);

      const bad = syntax('{"RemediationConfigurations": [{"Automatic": tru}]}', 'json');
      assert.equal(bad.length, 1, JSON.stringify(bad));
      assert.equal(bad[0]!.at, 'tru');
      assert.match(bad[0]!.message, /"tru" is not valid JSON/);

      const unclosed = syntax('{"RemediationConfigurations": [{"ConfigRuleName": "a}]}', 'json');
      assert.equal(unclosed.length, 1, JSON.stringify(unclosed));
    });

    it('JSON: separate faults stay separate (a comment and a trailing comma)', () => {
      const text = '{"RemediationConfigurations": [], /* note */ }';
      const problems = syntax(text, 'json');
      assert.deepEqual(problems.map((p) => p.at).sort(), [',', '/* note */']);
    });

    const TAB_YAML =
      'RemediationConfigurations:\n  - ConfigRuleName: r\n\tTargetType: SSM_DOCUMENT\n    TargetId: AWS-PublishSNSNotification\n    Automatic: false\n';

    it('YAML: a tab used for indentation is one error at the tab, in plain words', () => {
      const problems = syntax(TAB_YAML, 'yaml');
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(problems[0]!.offset, TAB_YAML.indexOf('\t'));
      assert.equal(
        problems[0]!.message.startsWith('Tab used for indentation (YAML allows only spaces)'),
        true,
      );
      // After spaces too (the yaml package says "All mapping items must start at the same column").
      const mixed =
        'RemediationConfigurations:\n  - ConfigRuleName: r\n  \tTargetType: SSM_DOCUMENT\n';
      const after = syntax(mixed, 'yaml');
      assert.equal(after.length, 1, JSON.stringify(after));
      assert.equal(after[0]!.offset, mixed.indexOf('\t'));
      assert.match(after[0]!.message, /^Tab used for indentation/);
    });

    it("YAML: a rule's finding after a syntax error on its line is left out, others stay", () => {
      const all = service.validate(service.parse(TAB_YAML, 'yaml'), 'request');
      const tabLine = TAB_YAML.split('\n')[2]!;
      const lineStart = TAB_YAML.indexOf(tabLine);
      // Without the filter: RC102 "Unknown member TargetType" on the tab's line.
      assert.deepEqual(
        all
          .filter((p) => p.offset >= lineStart && p.offset < lineStart + tabLine.length)
          .map((p) => p.ruleId),
        ['RC001'],
        JSON.stringify(all),
      );
      // Nor a finding the tab causes elsewhere: RC100 "missing TargetType" on the first key (the
      // parser reads TargetType and the lines after it as root keys).
      assert.deepEqual(
        all.map((p) => p.ruleId),
        ['RC001'],
        JSON.stringify(all),
      );
      // And in JSON nothing is left out: the trailing comma does not hide RC103 on its line.
      const json =
        '{"RemediationConfigurations": [{"ConfigRuleName": "r", "TargetType": "LAMBDA", "TargetId": "AWS-PublishSNSNotification",}]}';
      const codes = service.validate(service.parse(json, 'json'), 'request').map((p) => p.ruleId);
      assert.ok(codes.includes('RC001') && codes.includes('RC103'), codes.join(' '));
    });

    describe('YAML: findings that follow from the structure a tab makes are left out', () => {
      /** The request as meant, in JSON: the rule findings a correct indentation gives. */
      const JSON_REQUEST = JSON.stringify(
        {
          RemediationConfigurations: [
            {
              ConfigRuleName: 'r',
              TargetType: 'SSM_DOCUMENT',
              TargetId: 'AWS-EnableS3BucketEncryption',
              Parameters: { BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } } },
              Automatic: false,
            },
          ],
        },
        null,
        2,
      );
      const YAML_LINES = [
        'RemediationConfigurations:',
        '  - ConfigRuleName: r',
        '    TargetType: SSM_DOCUMENT',
        '    TargetId: AWS-EnableS3BucketEncryption',
        '    Parameters:',
        '      BucketName:',
        '        ResourceValue:',
        '          Value: RESOURCE_ID',
        '    Automatic: false',
      ];
      /** The YAML request with the indentation of line `index` replaced by `indentation`. */
      const withTab = (index: number, indentation: string) =>
        YAML_LINES.map((line, i) => (i === index ? indentation + line.trimStart() : line)).join(
          '\n',
        ) + '\n';
      const findings = (text: string, format: 'json' | 'yaml') =>
        service
          .validate(service.parse(text, format), 'request')
          .filter((p) => !p.ruleId.startsWith('RC0'))
          .map((p) => `${p.ruleId}: ${p.message}`);
      const meant = findings(JSON_REQUEST, 'json');

      it('JSON and YAML give the same findings without the tab', () => {
        assert.ok(
          meant.some((f) => f.startsWith('RC201')),
          meant.join('\n'),
        );
        assert.deepEqual(findings(YAML_LINES.join('\n'), 'yaml'), meant);
      });

      for (const [name, index, indentation] of [
        ['before a member of the configuration (TargetId)', 3, '\t'],
        ['after spaces, before a member (TargetType)', 2, '  \t'],
        ['before the only member of Parameters', 5, '\t'],
        ['before the last member (Automatic)', 8, '\t'],
      ] as const) {
        it(`a tab ${name}: the tab error, and only findings the request as meant has`, () => {
          const text = withTab(index, indentation);
          const problems = service.validate(service.parse(text, 'yaml'), 'request');
          // The tab is the first error (a later line the parser then misreads may have its own).
          const first = problems.find((p) => p.ruleId.startsWith('RC0'));
          assert.equal(first?.offset, text.indexOf('\t'), JSON.stringify(problems));
          assert.match(first.message, /^Tab used for indentation/);
          const extra = findings(text, 'yaml').filter((f) => !meant.includes(f));
          assert.deepEqual(extra, [], 'a finding the tab causes');
        });
      }

      it('a true finding stays beside the tab error (a manual remediation without a role)', () => {
        // The tab on Automatic: the configuration before it is read as written, RC201 holds.
        assert.deepEqual(
          findings(withTab(8, '\t'), 'yaml').filter((f) => f.startsWith('RC201')),
          meant.filter((f) => f.startsWith('RC201')),
        );
        assert.equal(meant.filter((f) => f.startsWith('RC201')).length, 1);
      });
    });

    it('YAML: errors on different lines that do not follow from each other stay separate', () => {
      const text = 'RemediationConfigurations:\n  - ConfigRuleName: a: b\n    TargetId: c: d\n';
      const problems = syntax(text, 'yaml');
      assert.deepEqual(
        problems.map((p) => p.offset),
        [text.indexOf('a: b'), text.indexOf('c: d')],
      );
      // Two tab-indented lines are two faults.
      const tabs = 'RemediationConfigurations:\n\t- ConfigRuleName: r\n\t  TargetId: x\n';
      assert.equal(syntax(tabs, 'yaml').length, 2);
    });
  });

  it('RC002 flags duplicate keys in JSON', () => {
    check(
      `{"RemediationConfigurations": [{
  "ConfigRuleName": "a",
  "TargetType": "SSM_DOCUMENT",
  "TargetId": "AWS-EnableS3BucketEncryption",
  "ConfigRuleName": "b"
  ^^^^^^^^^^^^^^^^ RC002
}]}`,
      'json',
      ['RC002'],
    );
  });

  it('RC002 flags duplicate keys in YAML', () => {
    check(
      `RemediationConfigurations:
  - ConfigRuleName: a
    TargetType: SSM_DOCUMENT
    TargetId: AWS-EnableS3BucketEncryption
    ConfigRuleName: b
    ^^^^^^^^^^^^^^ RC002
`,
      'yaml',
      ['RC002'],
    );
  });

  it('RC003 stops an alias bomb with one diagnostic instead of hanging', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(',')}]`);
    }
    const text = `RemediationConfigurations: []\n${levels.join('\n')}\n`;
    const started = Date.now();
    const problems = service.validate(service.parse(text, 'yaml'), 'request');
    assert.ok(Date.now() - started < 5000, 'bounded time');
    const bombs = problems.filter((p) => p.ruleId === 'RC003');
    assert.equal(bombs.length, 1);
    assert.match(bombs[0]!.message, /expand to more than 10000 nodes/);
  });

  it('resolves ordinary aliases and merge keys, and checks the result', () => {
    const text = `base: &base
  TargetType: SSM_DOCUMENT
  TargetId: AWS-EnableS3BucketEncryption
RemediationConfigurations:
  - <<: *base
    ConfigRuleName: s3-bucket-server-side-encryption-enabled
  - <<: *base
    ConfigRuleName: other-rule
    TargetType: LAMBDA
`;
    const problems = service.validate(service.parse(text, 'yaml'), 'request');
    const api = problems.filter((p) => p.ruleId.startsWith('RC1') || p.ruleId.startsWith('RC0'));
    // "base" is an unknown member of the request, and the override of TargetType is checked.
    assert.deepEqual(
      api.map((p) => [p.ruleId, text.substr(p.offset, p.length)]),
      [
        ['RC102', 'base'],
        ['RC103', 'LAMBDA'],
      ],
    );
  });

  it('RC004 reports every extra YAML document, and still checks it', () => {
    const problems = check(
      `RemediationConfigurations: []
---
^^^ RC004
RemediationConfigurations:
  - TargetType: LAMBDA
`,
      'yaml',
      ['RC004'],
    );
    assert.match(problems.find((p) => p.ruleId === 'RC004')!.message, /reads a single document/);
    assert.ok(
      problems.some((p) => p.ruleId === 'RC103'),
      'the second document is checked too',
    );
  });

  it('RC005 skips files over the size limit with one warning', () => {
    const text = `RemediationConfigurations: []\n#${'x'.repeat(8 * 1024 * 1024)}\n`;
    const problems = service.validate(service.parse(text, 'yaml'), 'request');
    assert.deepEqual(
      problems.map((p) => [p.ruleId, p.severity]),
      [['RC005', 'warning']],
    );
  });

  it('RC009: a rule that throws becomes one internal error naming it; the other rules still report', async () => {
    const { createLanguageService } =
      await import('../../server/src/languageService/languageService');
    const { allRules } = await import('../../server/src/languageService/rules');
    const broken = createLanguageService({
      rules: [
        ...allRules,
        {
          id: 'RC999',
          slug: 'always-throws',
          severity: 'error',
          category: 'api',
          description: 'test',
          check() {
            throw new Error('boom');
          },
        },
      ],
    });
    const problems = broken.validate(
      broken.parse('{"RemediationConfigurations": [{"TargetType": "LAMBDA"}]}', 'json'),
      'request',
    );
    const internal = problems.filter((p) => p.ruleId === 'RC009');
    assert.equal(internal.length, 1);
    assert.match(internal[0]!.message, /RC999 \(always-throws\): boom/);
    assert.ok(problems.some((p) => p.ruleId === 'RC103'));
  });
});

describe('rule levels (settings)', () => {
  it('turns a rule off or changes its severity by id or slug', () => {
    const text =
      '{"RemediationConfigurations": [{"ConfigRuleName": "r", "TargetType": "LAMBDA", "TargetId": "x", "Bogus": 1}]}';
    const parsed = service.parse(text, 'json');
    const levels = { RC103: 'off', 'unknown-member': 'warning' } as const;
    const problems = service.validate(parsed, 'request', { levels });
    assert.ok(!problems.some((p) => p.ruleId === 'RC103'));
    assert.equal(problems.find((p) => p.ruleId === 'RC102')?.severity, 'warning');
  });
});
