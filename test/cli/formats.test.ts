/**
 * `check --format sarif|github|junit`, and the contract that `text` and `json` print exactly
 * what they printed before these formats existed (test/fixtures/cli-contract).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { XMLValidator } from './xml';
import { escapeData, escapeProperty } from '../../cli/src/github';
import { ROOT, runCli, tempTree } from './cliRunner';

const CONTRACT = path.join(ROOT, 'test', 'fixtures', 'cli-contract');
const INPUT = path.join(CONTRACT, 'input');

const BROKEN_JSON = readFileSync(path.join(INPUT, 'bad.remediation.json'), 'utf8');

interface SarifLog {
  version: string;
  runs: {
    tool: {
      driver: {
        rules: { id: string; name: string; helpUri: string; shortDescription: { text: string } }[];
      };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string };
          region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
        };
      }[];
    }[];
  }[];
}

describe('CLI: check output formats', function () {
  this.timeout(60000);

  it('text and json print byte for byte what they printed before (the contract)', () => {
    const text = runCli(['check', '.'], { cwd: INPUT });
    assert.equal(text.code, 1, text.stderr);
    assert.equal(text.stdout, readFileSync(path.join(CONTRACT, 'check.text.txt'), 'utf8'));
    const json = runCli(['check', '--format', 'json', '.'], { cwd: INPUT });
    assert.equal(json.code, 1, json.stderr);
    assert.equal(json.stdout, readFileSync(path.join(CONTRACT, 'check.json.txt'), 'utf8'));
  });

  it('sarif: valid SARIF 2.1.0 (the OASIS schema), one rule per id with its docs link', () => {
    const run = runCli(['check', '--format', 'sarif', '.'], { cwd: INPUT });
    assert.equal(run.code, 1, run.stderr);
    const log = JSON.parse(run.stdout) as SarifLog;
    const schema = JSON.parse(
      readFileSync(path.join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'),
    ) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    assert.equal(log.version, '2.1.0');
    const [sarifRun] = log.runs;
    const rules = sarifRun.tool.driver.rules;
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length, 'one rule per id');
    const rc103 = rules.find((r) => r.id === 'RC103');
    assert.ok(rc103);
    assert.equal(rc103.name, 'enum-value');
    assert.match(rc103.helpUri, /docs\/rules\.md#rc103-enum-value$/);
    assert.ok(rc103.shortDescription.text.length > 10);
    // Same findings as the JSON output, same 1-based positions.
    const json = JSON.parse(readFileSync(path.join(CONTRACT, 'check.json.txt'), 'utf8')) as {
      files: {
        path: string;
        diagnostics: {
          line: number;
          column: number;
          endLine: number;
          endColumn: number;
          code: string;
          message: string;
          severity: string;
        }[];
      }[];
    };
    const expected = json.files.flatMap((f) =>
      f.diagnostics.map((d) => [
        f.path,
        d.code,
        d.line,
        d.column,
        d.endLine,
        d.endColumn,
        d.message,
      ]),
    );
    const actual = sarifRun.results.map((r) => {
      const { artifactLocation, region } = r.locations[0].physicalLocation;
      return [
        artifactLocation.uri,
        r.ruleId,
        region.startLine,
        region.startColumn,
        region.endLine,
        region.endColumn,
        r.message.text,
      ];
    });
    assert.deepEqual(actual, expected);
    for (const result of sarifRun.results) {
      assert.equal(rules[result.ruleIndex].id, result.ruleId);
    }
    const rc201 = sarifRun.results.find((r) => r.ruleId === 'RC201');
    assert.equal(rc201?.level, 'warning');
    assert.equal(sarifRun.results.find((r) => r.ruleId === 'RC103')?.level, 'error');
  });

  it('sarif: an absolute path becomes a file: URI, a relative one is percent-encoded', () => {
    const dir = tempTree({ 'my dir/bad #1.remediation.json': BROKEN_JSON });
    const absolute = runCli(['check', '--format', 'sarif', path.join(dir, 'my dir')]);
    const uris = (JSON.parse(absolute.stdout) as SarifLog).runs[0].results.map(
      (r) => r.locations[0].physicalLocation.artifactLocation.uri,
    );
    assert.ok(uris.length > 0);
    for (const uri of uris)
      assert.match(uri, /^file:\/\/.*\/my%20dir\/bad%20%231\.remediation\.json$/);
    const relative = runCli(['check', '--format', 'sarif', 'my dir'], { cwd: dir });
    const relUri = (JSON.parse(relative.stdout) as SarifLog).runs[0].results[0].locations[0]
      .physicalLocation.artifactLocation.uri;
    assert.equal(relUri, 'my%20dir/bad%20%231.remediation.json');
  });

  it('github: one workflow command per finding, then the summary', () => {
    const run = runCli(['check', '--format', 'github', 'bad.remediation.json'], { cwd: INPUT });
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.ok(
      lines.includes(
        '::error file=bad.remediation.json,line=5,col=21,endLine=5,endColumn=29,title=RC103::"TargetType" must be "SSM_DOCUMENT"; "LAMBDA" is not supported.',
      ),
      run.stdout,
    );
    assert.ok(lines.some((l) => l.startsWith('::warning file=bad.remediation.json,line=3,col=5,')));
    assert.equal(lines.filter((l) => l.startsWith('::')).length, 4);
    assert.equal(lines.at(-1), '3 errors, 1 warning, 0 information in 1 file.');
  });

  it("github: escapes %, CR and LF, and in properties also ',' and ':' (as the runner reads them)", () => {
    assert.equal(escapeData('100% done\r\nnext'), '100%25 done%0D%0Anext');
    assert.equal(escapeProperty('C:\\a,b%.json'), 'C%3A\\a%2Cb%25.json');
    const dir = tempTree({ 'a,b:c%.remediation.json': BROKEN_JSON });
    const run = runCli(['check', '--format', 'github', 'a,b:c%.remediation.json'], { cwd: dir });
    assert.match(run.stdout, /^::error file=a%2Cb%3Ac%25\.remediation\.json,line=5,/m);
  });

  it('junit: one testsuite per file, one testcase per finding, errors and warnings fail', () => {
    const run = runCli(['check', '--format', 'junit', '.'], { cwd: INPUT });
    assert.equal(run.code, 1, run.stderr);
    assert.equal(XMLValidator(run.stdout), true, run.stdout);
    const suites = [
      ...run.stdout.matchAll(/<testsuite name="([^"]+)" tests="(\d+)" failures="(\d+)"/g),
    ].map((m) => [m[1], Number(m[2]), Number(m[3])]);
    assert.deepEqual(suites, [
      ['bad.remediation.json', 4, 4],
      // RC207 is information: a testcase that passes.
      ['nested/api-constraints.remediation.yaml', 8, 7],
      ['ok.remediation.yaml', 1, 0],
    ]);
    assert.match(run.stdout, /<testsuites name="config-remediation" tests="13" failures="11"/);
    assert.match(
      run.stdout,
      /<testcase classname="bad.remediation.json" name="RC103 at 5:21">\n\s*<failure type="RC103" message="&quot;TargetType&quot; must be/,
    );
  });

  it('junit: information passes, and control characters cannot break the XML', () => {
    const dir = tempTree({
      'x.remediation.yaml':
        'RemediationConfigurations:\n  - ConfigRuleName: "a\\u0001<b>&"\n    Bogus\u0007: 1\n',
    });
    const run = runCli(
      ['check', '--format', 'junit', '--rule', 'RC102=information', 'x.remediation.yaml'],
      { cwd: dir },
    );
    assert.equal(XMLValidator(run.stdout), true, run.stdout);
    assert.match(run.stdout, /<system-out>x\.remediation\.yaml:\d+:\d+ information RC102 /);
    assert.doesNotMatch(run.stdout, /[\u0001\u0007]/);
  });
});
