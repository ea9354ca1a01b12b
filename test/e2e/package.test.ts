/**
 * The .vsix `npm run package` built: its file list, its size and its manifest. That it installs
 * with code-server's `--install-extension` and works is shown by inEditor.test.ts and
 * ui.test.ts, which install this same file.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { listZip, readZipEntry, vsixPath } from './vsix';

/** Everything a .vsix may contain; vsce adds the first two and renames LICENSE/README/CHANGELOG. */
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/,
  /^extension\/changelog\.md$/,
  /^extension\/LICENSE\.txt$/,
  /^extension\/images\/icon\.png$/,
  /^extension\/dist\/[\w-]+\.js$/,
  /^extension\/schemas\/[\w.-]+\.json$/,
  /^extension\/syntaxes\/[\w.-]+\.json$/,
  /^extension\/docs\/rules\.md$/,
  /^extension\/docs\/walkthrough\/[\w-]+\.md$/,
];

const REQUIRED = [
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/images/icon.png',
  'extension/dist/extension.js',
  'extension/dist/server.js',
  'extension/schemas/remediation-configurations.schema.json',
  'extension/syntaxes/remediation.injection.tmLanguage.json',
  // "Show documentation for RCnnn" opens it, offline.
  'extension/docs/rules.md',
  // The walkthrough's pages (contributes.walkthroughs).
  'extension/docs/walkthrough/new-request.md',
  'extension/docs/walkthrough/preview.md',
];

/** A sane bound: today ~0.5 MB compressed (the bundles with the AWS SDK inlined). */
const MAX_VSIX_BYTES = 3 * 1024 * 1024;
const MAX_UNPACKED_BYTES = 12 * 1024 * 1024;

describe('the packaged .vsix', () => {
  let buffer: Buffer;
  let file: string;

  before(() => {
    file = vsixPath();
    buffer = fs.readFileSync(file);
  });

  it('contains dist/, schemas/, syntaxes/, the icon, README, LICENSE and CHANGELOG only', () => {
    const names = listZip(buffer).map((e) => e.name);
    console.log(`      ${file}: ${names.length} files, ${(buffer.length / 1024).toFixed(0)} KB`);
    const unexpected = names.filter((n) => !ALLOWED.some((re) => re.test(n)));
    assert.deepEqual(unexpected, [], 'no sources, source maps, node_modules or tests');
    const missing = REQUIRED.filter((n) => !names.includes(n));
    assert.deepEqual(missing, []);
    assert.ok(!names.some((n) => /node_modules|\.map$|\.ts$|(^|\/)test|\.vsix$/.test(n)));
  });

  it('has a sane size', () => {
    assert.ok(buffer.length < MAX_VSIX_BYTES, `${buffer.length} bytes`);
    const unpacked = listZip(buffer).reduce((sum, e) => sum + e.size, 0);
    assert.ok(unpacked < MAX_UNPACKED_BYTES, `${unpacked} bytes unpacked`);
    assert.ok(unpacked > 200 * 1024, 'the bundles are in it');
  });

  it('ships the bundles without absolute paths of the build machine', () => {
    const entries = listZip(buffer).filter((e) => e.name.startsWith('extension/dist/'));
    for (const entry of entries) {
      const text = readZipEntry(buffer, entry).toString('utf8');
      for (const forbidden of [process.cwd(), '/home/', '/root/']) {
        assert.ok(!text.includes(forbidden), `${entry.name} contains "${forbidden}"`);
      }
    }
  });

  it('carries the complete manifest', () => {
    const entry = listZip(buffer).find((e) => e.name === 'extension/package.json');
    assert.ok(entry);
    const m = JSON.parse(readZipEntry(buffer, entry).toString('utf8')) as {
      publisher: string;
      name: string;
      icon: string;
      license: string;
      categories: string[];
      keywords: string[];
      repository: { url: string };
      engines: { vscode: string };
      main: string;
      capabilities: { untrustedWorkspaces: { supported: string; description: string } };
    };
    assert.equal(`${m.publisher}.${m.name}`, 'aws-config-remediation.aws-config-remediation');
    assert.equal(m.icon, 'images/icon.png');
    assert.equal(m.license, 'MIT');
    assert.ok(m.categories.length > 0 && m.keywords.length > 0 && m.repository.url);
    assert.equal(m.main, './dist/extension.js');
    assert.equal(m.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(m.capabilities.untrustedWorkspaces.description.length > 20);
    const [major, minor] = m.engines.vscode.replace(/^\^/, '').split('.').map(Number);
    assert.ok(major === 1 && minor <= 100, `engines.vscode ${m.engines.vscode} <= 1.100`);
    const vsixManifest = listZip(buffer).find((e) => e.name === 'extension.vsixmanifest');
    assert.ok(vsixManifest);
    const xml = readZipEntry(buffer, vsixManifest).toString('utf8');
    assert.match(xml, /<Identity [^>]*Id="aws-config-remediation"/);
    assert.match(xml, /Microsoft\.VisualStudio\.Services\.Icons\.Default/);
  });
});
