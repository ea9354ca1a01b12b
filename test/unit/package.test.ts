/**
 * The extension manifest (package.json) and the packaging rules (.vscodeignore). The .vsix
 * itself is opened and checked by test/e2e/package.test.ts after `npm run package`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS, EXTENSION_ID, SETTINGS, SETTINGS_SECTION } from '../../common/src/protocol';

const ROOT = path.join(__dirname, '..', '..', '..');

interface Manifest {
  name: string;
  publisher: string;
  displayName?: string;
  description?: string;
  version: string;
  license?: string;
  icon?: string;
  main?: string;
  categories?: string[];
  keywords?: string[];
  repository?: { type?: string; url?: string };
  engines: { vscode: string; node?: string };
  scripts: Record<string, string>;
  capabilities?: {
    untrustedWorkspaces?: {
      supported?: boolean | 'limited';
      description?: string;
      restrictedConfigurations?: string[];
    };
  };
  contributes?: {
    commands?: { command: string; enablement?: string }[];
    configuration?: { properties?: Record<string, { scope?: string }> };
    menus?: Record<string, { command: string; when?: string }[]>;
  };
  devDependencies?: Record<string, string>;
}

function manifest(): Manifest {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
}

/** VS Code version code-server 4.100.3 provides: the e2e tests run the .vsix there. */
const CODE_SERVER_VSCODE = [1, 100, 3];

function minimumVersion(range: string): number[] {
  const m = /^\^?(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  assert.ok(m, `engines.vscode "${range}" should be "^MAJOR.MINOR.PATCH"`);
  return m.slice(1).map(Number);
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

describe('extension manifest and packaging rules', () => {
  it('has the id, icon, categories, keywords, repository and license a listing needs', () => {
    const m = manifest();
    assert.equal(`${m.publisher}.${m.name}`, EXTENSION_ID);
    assert.ok(m.displayName && m.description && m.description.length > 40);
    assert.equal(m.license, 'MIT');
    assert.ok(fs.existsSync(path.join(ROOT, 'LICENSE')));
    assert.ok(fs.existsSync(path.join(ROOT, 'CHANGELOG.md')));
    assert.equal(m.icon, 'images/icon.png');
    const icon = fs.readFileSync(path.join(ROOT, m.icon));
    assert.equal(icon.subarray(1, 4).toString(), 'PNG', 'the icon is a PNG');
    const side = icon.readUInt32BE(16);
    assert.ok(side >= 128 && icon.readUInt32BE(20) === side, 'the icon is square, >= 128 px');
    assert.ok(m.categories?.includes('Programming Languages'));
    assert.ok(m.categories?.includes('Linters'));
    for (const keyword of ['aws', 'remediation', 'yaml', 'json']) {
      assert.ok(m.keywords?.includes(keyword), `keyword ${keyword}`);
    }
    assert.ok((m.keywords?.length ?? 0) <= 30, 'the Marketplace accepts at most 30 keywords');
    assert.equal(m.repository?.type, 'git');
    assert.match(m.repository?.url ?? '', /^https:\/\/github\.com\//);
    assert.equal(m.main, './dist/extension.js');
  });

  it('supports Restricted Mode in a limited way, with a description and restricted settings', () => {
    const trust = manifest().capabilities?.untrustedWorkspaces;
    assert.equal(trust?.supported, 'limited');
    assert.ok((trust?.description?.length ?? 0) > 20);
    for (const key of [SETTINGS.awsProfile, SETTINGS.awsRegion, SETTINGS.awsEndpointUrl]) {
      assert.ok(
        trust?.restrictedConfigurations?.includes(`${SETTINGS_SECTION}.${key}`),
        `${key} is a restricted configuration`,
      );
    }
  });

  it('gates every AWS command on workspace trust', () => {
    const m = manifest();
    const aws: string[] = [COMMANDS.deploy, COMMANDS.deployOne, COMMANDS.preview, COMMANDS.pull];
    for (const command of m.contributes?.commands ?? []) {
      if (aws.includes(command.command)) {
        assert.match(command.enablement ?? '', /isWorkspaceTrusted/, command.command);
      }
    }
  });

  it('targets a VS Code no newer than code-server 4.100 provides, and matches @types/vscode', () => {
    const m = manifest();
    const minimum = minimumVersion(m.engines.vscode);
    assert.ok(
      compare(minimum, CODE_SERVER_VSCODE) <= 0,
      `engines.vscode ${m.engines.vscode} is newer than code-server's ${CODE_SERVER_VSCODE.join('.')}`,
    );
    // vsce refuses a package whose @types/vscode is newer than engines.vscode.
    const types = /(\d+)\.(\d+)/.exec(m.devDependencies?.['@types/vscode'] ?? '');
    assert.ok(types);
    assert.ok(compare([Number(types[1]), Number(types[2]), 0], minimum) <= 0);
  });

  it('packages with vsce, without dependencies, building first', () => {
    const { scripts } = manifest();
    assert.match(scripts.package ?? '', /vsce package --no-dependencies/);
    assert.match(scripts['vscode:prepublish'] ?? '', /npm run build/);
  });

  it('.vscodeignore ships only dist/*.js, schemas, syntaxes, the icon and the docs (rules, walkthrough)', () => {
    const lines = fs
      .readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    assert.equal(lines[0], '**', 'everything is excluded first');
    for (const line of lines.slice(1)) {
      assert.match(
        line,
        /^!(dist\/[\w-]+\.js|schemas\/\*\*|syntaxes\/\*\*|images\/icon\.png|package\.json|README\.md|LICENSE|CHANGELOG\.md|docs\/rules\.md|docs\/walkthrough\/\*\.md)$/,
        `unexpected packaging rule ${line}`,
      );
    }
  });
});
