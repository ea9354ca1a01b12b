import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import type { JSONSchema } from 'vscode-json-languageservice';
import apiModelJson from '../../server/src/languageService/data/apiModel.json';
import resourceTypesJson from '../../server/src/languageService/data/resourceTypes.json';
import runbooksJson from '../../server/src/languageService/data/runbooks.json';
import schemaJson from '../../schemas/remediation-configurations.schema.json';
import type {
  ApiModelData,
  ResourceTypesData,
  RunbookCatalogData,
} from '../../server/src/languageService/data/types';

const apiModel = apiModelJson as ApiModelData;
const resourceTypes = resourceTypesJson as ResourceTypesData;
const catalog = runbooksJson as RunbookCatalogData;
const schema = schemaJson as unknown as JSONSchema;

const SSM = 'RemediationConfigurations.ExecutionControls.SsmControls';

/** The repository root: works from test/unit (ts) and from out/test/unit (compiled). */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'scripts', 'generate-data.mjs'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
}

/** Doc paths of every request member, derived from the shapes alone. */
function shapeMemberPaths(model: ApiModelData): string[] {
  const out: string[] = [];
  const visit = (shapeName: string, path: string): void => {
    const shape = model.shapes[shapeName];
    assert.ok(shape, `unknown shape ${shapeName}`);
    if (shape.type === 'structure') {
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const p = path ? `${path}.${name}` : name;
        out.push(p);
        visit(ref.shape, p);
      }
    } else if (shape.type === 'list' && shape.member) {
      visit(shape.member.shape, path);
    } else if (shape.type === 'map' && shape.value) {
      out.push(`${path}.*`);
      visit(shape.value.shape, `${path}.*`);
    }
  };
  visit(model.rootShape, '');
  return out;
}

/** Every markdown text of the API model and the schema. */
function allMarkdown(): { where: string; text: string }[] {
  const texts = [
    { where: 'operationDocumentation', text: apiModel.operationDocumentation },
    ...apiModel.notes.map((n) => ({ where: `note ${n.id}`, text: `${n.title}\n${n.markdown}` })),
    ...Object.entries(apiModel.members).map(([p, m]) => ({ where: p, text: m.documentation })),
  ];
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => walk(n, `${where}/${i}`));
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if ((k === 'description' || k === 'markdownDescription') && typeof v === 'string') {
          texts.push({ where: `schema ${where}/${k}`, text: v });
        } else {
          walk(v, `${where}/${k}`);
        }
      }
    }
  };
  walk(schemaJson, '#');
  return texts;
}

const goodConfiguration = {
  ConfigRuleName: 's3-bucket-versioning-enabled',
  TargetType: 'SSM_DOCUMENT',
  TargetId: 'AWS-ConfigureS3BucketVersioning',
  TargetVersion: '1',
  Parameters: {
    BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
    AutomationAssumeRole: {
      StaticValue: { Values: ['arn:aws:iam::123456789012:role/ConfigRemediation'] },
    },
  },
  ResourceType: 'AWS::S3::Bucket',
  Automatic: true,
  ExecutionControls: {
    SsmControls: { ConcurrentExecutionRatePercentage: 10, ErrorPercentage: 50 },
  },
  MaximumAutomaticAttempts: 5,
  RetryAttemptSeconds: 60,
};

/** The messages of the problems vscode-json-languageservice reports for a request. */
async function validate(request: unknown): Promise<string[]> {
  const service = getLanguageService({});
  service.configure({
    validate: true,
    schemas: [{ uri: String(schemaJson.$id), fileMatch: ['*'], schema }],
  });
  const doc = TextDocument.create(
    'file:///work/remediation.json',
    'json',
    1,
    JSON.stringify(request, null, 2),
  );
  const diagnostics = await service.doValidation(doc, service.parseJSONDocument(doc));
  return diagnostics.map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
}

function withConfiguration(patch: Record<string, unknown>): unknown {
  return { RemediationConfigurations: [{ ...goodConfiguration, ...patch }] };
}

describe('generated data', () => {
  describe('apiModel.json', () => {
    it('describes the PutRemediationConfigurations request', () => {
      assert.equal(apiModel.operation, 'PutRemediationConfigurations');
      assert.equal(apiModel.apiVersion, '2014-11-12');
      assert.equal(apiModel.rootShape, 'PutRemediationConfigurationsRequest');
      assert.deepEqual(apiModel.shapes.RemediationTargetType?.enum, ['SSM_DOCUMENT']);
      assert.match(
        apiModel.operationDocumentation,
        /^Adds or updates the remediation configuration/,
      );
      assert.doesNotMatch(apiModel.operationDocumentation, /See also|Be aware|Note/);
    });

    it('has shapes that conform to ApiShape', () => {
      const keys = ['type', 'required', 'members', 'member', 'key', 'value', 'min', 'max'];
      const allowed = new Set([...keys, 'pattern', 'enum']);
      const types = ['structure', 'list', 'map', 'string', 'integer', 'long', 'boolean'];
      for (const [name, shape] of Object.entries(apiModel.shapes)) {
        for (const k of Object.keys(shape)) assert.ok(allowed.has(k), `${name}.${k}`);
        assert.ok(types.includes(shape.type), `${name}.type ${shape.type}`);
        for (const r of shape.required ?? [])
          assert.ok(shape.members?.[r], `${name} requires ${r}`);
      }
    });

    it('documents every member of the request, and nothing else', () => {
      const paths = shapeMemberPaths(apiModel);
      assert.equal(paths.length, 21);
      assert.deepEqual(Object.keys(apiModel.members).sort(), [...paths].sort());
      for (const p of paths) {
        const doc = apiModel.members[p];
        assert.ok(doc && doc.documentation.trim().length > 0, `no documentation for ${p}`);
        for (const k of Object.keys(doc))
          assert.ok(['documentation', 'default', 'notes'].includes(k));
      }
      for (const p of [
        'RemediationConfigurations.Parameters.*',
        'RemediationConfigurations.Parameters.*.ResourceValue.Value',
        'RemediationConfigurations.Parameters.*.StaticValue.Values',
        `${SSM}.ConcurrentExecutionRatePercentage`,
      ]) {
        assert.ok(apiModel.members[p], p);
      }
    });

    it('keeps the request docs, not the response docs', () => {
      assert.equal(
        apiModel.members['RemediationConfigurations.ConfigRuleName']?.documentation,
        'The name of the Config rule.',
      );
      assert.match(
        apiModel.members['RemediationConfigurations']?.documentation ?? '',
        /^A list of remediation configuration objects\./,
      );
      assert.ok(!('FailedBatches' in apiModel.members));
    });

    it('states the documented defaults as numbers', () => {
      const defaults = Object.fromEntries(
        Object.entries(apiModel.members)
          .filter(([, m]) => m.default !== undefined)
          .map(([p, m]) => [p, m.default]),
      );
      assert.deepEqual(defaults, {
        [`${SSM}.ConcurrentExecutionRatePercentage`]: 10,
        [`${SSM}.ErrorPercentage`]: 50,
        'RemediationConfigurations.MaximumAutomaticAttempts': 5,
        'RemediationConfigurations.RetryAttemptSeconds': 60,
      });
    });

    it('has the three operation notes, attached to the members they concern', () => {
      const byId = new Map(apiModel.notes.map((n) => [n.id, n]));
      assert.deepEqual(
        [...byId.keys()],
        ['backward-incompatible-changes', 'required-fields', 'stale-compliance-data'],
      );
      assert.equal(
        byId.get('backward-incompatible-changes')?.title,
        'Be aware of backward incompatible changes',
      );
      assert.match(byId.get('backward-incompatible-changes')?.markdown ?? '', /service-linked/);
      assert.equal(byId.get('required-fields')?.title, 'Required fields');
      assert.match(byId.get('required-fields')?.markdown ?? '', /`AutomationAssumeRole`/);
      assert.match(byId.get('stale-compliance-data')?.markdown ?? '', /stale evaluation results/);
      const notesOf = (p: string) => apiModel.members[`RemediationConfigurations.${p}`]?.notes;
      assert.deepEqual(notesOf('TargetId'), ['backward-incompatible-changes']);
      assert.deepEqual(notesOf('TargetVersion'), ['backward-incompatible-changes']);
      assert.deepEqual(notesOf('Parameters'), ['required-fields']);
      assert.deepEqual(notesOf('Automatic'), ['required-fields', 'stale-compliance-data']);
      assert.equal(notesOf('ConfigRuleName'), undefined);
    });

    it('turns rst markup into markdown', () => {
      const retry = apiModel.members['RemediationConfigurations.RetryAttemptSeconds'];
      assert.match(
        retry?.documentation ?? '',
        /If `MaximumAutomaticAttempts` remediation attempts/,
      );
      assert.match(retry?.documentation ?? '', /seconds\.\n\nFor example/);
      assert.match(
        apiModel.members['RemediationConfigurations.TargetVersion']?.documentation ?? '',
        /\n\n> \*\*Note:\*\* If you make backward incompatible changes/,
      );
      assert.match(
        apiModel.notes.find((n) => n.id === 'stale-compliance-data')?.markdown ?? '',
        /\[PutRemediationConfigurations\]\(https:\/\/docs\.aws\.amazon\.com\/[^)]+\)/,
      );
      assert.match(
        apiModel.notes.find((n) => n.id === 'required-fields')?.markdown ?? '',
        /`assumeRole` field/,
      );
    });

    it('leaves no rst artefacts in any text', () => {
      for (const { where, text } of allMarkdown()) {
        for (const artefact of [
          '``',
          '**[REQUIRED]**',
          ':type',
          ':param',
          '__ ',
          '`__',
          '.. note::',
        ]) {
          assert.ok(!text.includes(artefact), `${where} contains ${artefact}: ${text}`);
        }
        assert.doesNotMatch(text, /\*\(\w+\) --\*/, where);
        assert.doesNotMatch(text, /\n[ \t]+\n|\n{3,}|^\s|\s$/, `${where} has blank-line noise`);
      }
    });
  });

  describe('resourceTypes.json', () => {
    it('is a sorted list of unique AWS Config resource types', () => {
      const list = resourceTypes.resourceTypes;
      assert.equal(list.length, 533);
      assert.equal(new Set(list).size, list.length);
      assert.deepEqual(
        list,
        [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      );
      assert.ok(list.includes('AWS::S3::Bucket'));
      assert.ok(list.includes('AWS::KMS::Key'));
    });
  });

  describe('runbooks.json', () => {
    it('has the 168 catalogued runbooks, sorted by name', () => {
      const names = catalog.runbooks.map((r) => r.name);
      assert.equal(names.length, 168);
      assert.equal(new Set(names).size, 168);
      assert.deepEqual(
        names,
        [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      );
      assert.match(catalog.source, /data\/source\/ssm-runbooks\.json/);
    });

    it('keeps the runbook facts and links the AWS reference page', () => {
      const cancel = catalog.runbooks.find(
        (r) => r.name === 'AWSConfigRemediation-CancelKeyDeletion',
      );
      assert.ok(cancel);
      assert.equal(cancel.resourceIdParameter, 'KeyId');
      assert.equal(cancel.resourceType, 'AWS::KMS::Key');
      assert.deepEqual(
        cancel.parameters.map((p) => [p.name, p.type, p.required]),
        [
          ['AutomationAssumeRole', 'AWS::IAM::Role::Arn', true],
          ['KeyId', 'String', true],
        ],
      );
      assert.equal(
        cancel.docUrl,
        'https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-cancel-key-deletion.html',
      );
      let withDocs = 0;
      for (const rb of catalog.runbooks) {
        assert.ok(!('sources' in rb), `${rb.name} still has sources`);
        if (rb.docUrl !== undefined) {
          withDocs++;
          assert.ok(rb.docUrl.startsWith('https://docs.aws.amazon.com/'), rb.docUrl);
        }
        const names = rb.parameters.map((p) => p.name);
        assert.ok(names.includes('AutomationAssumeRole'), rb.name);
        if (rb.resourceIdParameter !== null) assert.ok(names.includes(rb.resourceIdParameter));
      }
      assert.equal(withDocs, 155);
    });
  });

  describe('remediation-configurations.schema.json', () => {
    it('is a draft-07 schema with documented members', () => {
      assert.equal(schemaJson.$schema, 'http://json-schema.org/draft-07/schema#');
      assert.match(String(schemaJson.$id), /^https:\/\/.+\.schema\.json$/);
      const configuration = schemaJson.definitions.RemediationConfiguration;
      assert.equal(configuration.additionalProperties, false);
      assert.equal(
        configuration.properties.ConfigRuleName.markdownDescription,
        'The name of the Config rule.',
      );
      assert.equal(schemaJson.definitions.SsmControls.properties.ErrorPercentage.default, 50);
      assert.ok(!('maxItems' in schemaJson.definitions.RemediationConfigurations));
      assert.match(schemaJson.properties.RemediationConfigurations.description, /at most 25/);
    });

    it('accepts a good request', async () => {
      assert.deepEqual(await validate(withConfiguration({})), []);
      // more than 25 configurations is only a warning of the product, not a schema error
      const many = {
        RemediationConfigurations: Array.from({ length: 30 }, () => goodConfiguration),
      };
      assert.deepEqual(await validate(many), []);
    });

    it('rejects a TargetType other than SSM_DOCUMENT', async () => {
      const problems = await validate(withConfiguration({ TargetType: 'LAMBDA' }));
      assert.equal(problems.length, 1);
      assert.match(problems[0] ?? '', /SSM_DOCUMENT/);
    });

    it('rejects ErrorPercentage 200', async () => {
      const problems = await validate(
        withConfiguration({ ExecutionControls: { SsmControls: { ErrorPercentage: 200 } } }),
      );
      assert.equal(problems.length, 1);
      assert.match(problems[0] ?? '', /maximum of 100/);
    });

    it('rejects a parameter with both ResourceValue and StaticValue, or neither', async () => {
      const both = await validate(
        withConfiguration({
          Parameters: {
            BucketName: { ResourceValue: { Value: 'RESOURCE_ID' }, StaticValue: { Values: ['b'] } },
          },
        }),
      );
      assert.equal(both.length, 1);
      assert.match(both[0] ?? '', /multiple schemas/);
      const neither = await validate(withConfiguration({ Parameters: { BucketName: {} } }));
      assert.equal(neither.length, 1);
    });

    it('rejects unknown members, missing required members and over-long parameter names', async () => {
      const unknown = await validate(withConfiguration({ TargetID: 'x' }));
      assert.ok(unknown.some((m) => /TargetID is not allowed/.test(m)));
      const withoutTargetId: Record<string, unknown> = { ...goodConfiguration };
      delete withoutTargetId.TargetId;
      const missing = await validate({ RemediationConfigurations: [withoutTargetId] });
      assert.ok(missing.some((m) => /Missing property "TargetId"/.test(m)));
      const longName = await validate(
        withConfiguration({
          Parameters: { ['p'.repeat(257)]: { StaticValue: { Values: ['v'] } } },
        }),
      );
      assert.equal(longName.length, 1);
    });
  });

  describe('scripts/generate-data.mjs', () => {
    it('reproduces the committed files byte for byte (--check)', function () {
      this.timeout(60000);
      const result = spawnSync(process.execPath, ['scripts/generate-data.mjs', '--check'], {
        cwd: repoRoot(),
        encoding: 'utf8',
      });
      assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
      assert.match(result.stdout, /up to date/);
    });
  });
});
