import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVER_NODE_OPTIONS } from '../../common/src/serverRuntime';

const ROOT = path.join(__dirname, '..', '..', '..');

/** The Markdown files a reader follows links in: the README (the marketplace page) and docs/. */
function markdownFiles(): string[] {
  const docs = fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join('docs', name));
  return ['README.md', ...docs];
}

/** The text without fenced code blocks and inline code (links there are examples, not links). */
function proseOf(markdown: string): string {
  return markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
    .replace(/`[^`\n]*`/g, (code) => ' '.repeat(code.length));
}

/** GitHub's anchors of a Markdown file's headings (duplicates get -1, -2, …). */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of proseOf(markdown.replace(/`/g, '')).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = (match[1] ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Relative link targets of a Markdown file: `[text](target)` and `[ref]: target`. */
function relativeLinks(markdown: string): string[] {
  const prose = proseOf(markdown);
  const targets = [
    ...[...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1] ?? ''),
    ...[...prose.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1] ?? ''),
  ];
  return targets.filter((target) => target !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

describe('documentation', () => {
  it('every relative link in README.md and docs/*.md resolves to a file and heading', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of markdownFiles()) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      for (const target of relativeLinks(text)) {
        checked++;
        const [pathPart = '', anchor] = target.split('#', 2);
        const resolved = pathPart
          ? path.resolve(path.dirname(path.join(ROOT, file)), decodeURIComponent(pathPart))
          : path.join(ROOT, file);
        if (!fs.existsSync(resolved)) {
          broken.push(`${file}: ${target} (no file ${path.relative(ROOT, resolved)})`);
          continue;
        }
        if (anchor && resolved.endsWith('.md')) {
          const anchors = anchorsOf(fs.readFileSync(resolved, 'utf8'));
          if (!anchors.has(decodeURIComponent(anchor).toLowerCase()))
            broken.push(`${file}: ${target} (no heading #${anchor})`);
        }
      }
    }
    assert.ok(checked > 20, `only ${checked} links found: the link reader is broken`);
    assert.deepEqual(broken, []);
  });

  it('the link check finds a broken link and a broken heading', () => {
    const links = relativeLinks(
      'See [a](missing.md), [b](#nowhere), `[c](code.md)` and [d](https://x.y).',
    );
    assert.deepEqual(links, ['missing.md', '#nowhere']);
    assert.ok(
      anchorsOf('## Credentials, profile and region\n').has('credentials-profile-and-region'),
    );
    assert.ok(anchorsOf('## RC001 syntax-error\n## Why\n## Why\n').has('why-1'));
  });

  it("the README's command for other editors passes the server's Node.js options", () => {
    // The VS Code client starts the server with them (common/src/serverRuntime.ts); other
    // clients get the same open speed only if the README tells them.
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Other editors'));
    const command = `node ${SERVER_NODE_OPTIONS.join(' ')} dist/server.js --stdio`;
    assert.ok(
      section.replace(/\s+/g, ' ').includes(`\`${command}\``),
      `README names \`${command}\``,
    );
    const cmd = /cmd = \{([^}]*)\}/.exec(section)?.[1] ?? '';
    for (const option of SERVER_NODE_OPTIONS) {
      assert.ok(cmd.includes(`'${option}'`), `the Neovim cmd passes ${option}: ${cmd}`);
    }
  });

  it('the README settings table lists every contributed setting', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, unknown> } };
    };
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('\n## Settings'),
      readme.indexOf('\n## ', readme.indexOf('\n## Settings') + 1),
    );
    const rows = new Set([...section.matchAll(/^\|\s*`([^`]+)`\s*\|/gm)].map((m) => m[1]));
    const ids = Object.keys(manifest.contributes.configuration.properties);
    assert.ok(ids.length > 0);
    assert.deepEqual(
      ids.filter((id) => !rows.has(id)),
      [],
      'settings missing from the README table',
    );
    assert.deepEqual(
      [...rows].filter((id) => !ids.includes(id as string)),
      [],
      'README rows for settings that are not contributed',
    );
  });
});
