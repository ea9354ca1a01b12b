/**
 * Security properties of the manifest and the build, checked from the data so that settings and
 * commands added later are covered without touching this test:
 * - a workspace cannot choose the AWS profile, region, endpoint or credentials (`scope: machine`
 *   or `application`, and restricted in untrusted workspaces);
 * - every command that may reach AWS is enabled only in trusted workspaces;
 * - the bundles' source maps carry no absolute paths (nothing about the build machine leaks).
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');

interface Setting {
  scope?: string;
}
interface Command {
  command: string;
  enablement?: string;
}
interface MenuItem {
  command: string;
  when?: string;
}
interface Manifest {
  capabilities?: {
    untrustedWorkspaces?: { supported?: boolean | 'limited'; restrictedConfigurations?: string[] };
  };
  contributes?: {
    configuration?:
      { properties?: Record<string, Setting> } | { properties?: Record<string, Setting> }[];
    commands?: Command[];
    menus?: Record<string, MenuItem[]>;
  };
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

function settings(): [string, Setting][] {
  const configuration = manifest.contributes?.configuration;
  const sections = Array.isArray(configuration)
    ? configuration
    : configuration
      ? [configuration]
      : [];
  return sections.flatMap((section) => Object.entries(section.properties ?? {}));
}

/** Settings that choose where AWS calls go or with which identity. */
const AWS_TARGET =
  /profile|region|endpoint|credential|role|account[._-]?id|access[._-]?key|secret|token/i;

/**
 * Commands that never reach AWS. Every other command is treated as touching AWS and must require
 * a trusted workspace: a new command is safe by default, and only joins this list on purpose.
 */
const LOCAL_COMMANDS = new Set([
  'awsConfigRemediation.showOutput',
  'awsConfigRemediation.restartServer',
  'awsConfigRemediation.exportCloudFormation',
  'awsConfigRemediation.exportConformancePack',
  'awsConfigRemediation.newRequest',
]);

describe('manifest and build: security', () => {
  const restricted = manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? [];

  it('has AWS-target settings to check (the test is not vacuous)', () => {
    assert.ok(settings().filter(([key]) => AWS_TARGET.test(key)).length >= 3);
  });

  for (const [key, setting] of settings()) {
    if (!AWS_TARGET.test(key) && !/\.aws\./.test(key)) continue;
    it(`${key}: a workspace cannot set it (scope machine or application, restricted)`, () => {
      assert.ok(
        setting.scope === 'machine' || setting.scope === 'application',
        `${key} has scope "${setting.scope ?? 'window (default)'}"`,
      );
      assert.ok(
        restricted.includes(key),
        `${key} is not in untrustedWorkspaces.restrictedConfigurations`,
      );
    });
  }

  it('restricts only settings that exist', () => {
    const keys = new Set(settings().map(([key]) => key));
    assert.deepEqual(
      restricted.filter((key) => !keys.has(key)),
      [],
    );
  });

  it('supports untrusted workspaces only in a limited way', () => {
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, 'limited');
  });

  const commands = manifest.contributes?.commands ?? [];
  for (const command of commands) {
    if (LOCAL_COMMANDS.has(command.command)) continue;
    it(`${command.command}: enabled only in a trusted workspace`, () => {
      assert.match(command.enablement ?? '', /(^|&&\s*)isWorkspaceTrusted(\s*&&|$)/);
    });
  }

  it('shows AWS commands in menus only in trusted workspaces', () => {
    for (const [menu, items] of Object.entries(manifest.contributes?.menus ?? {})) {
      for (const item of items) {
        if (LOCAL_COMMANDS.has(item.command) || item.when === 'false') continue;
        assert.match(item.when ?? '', /isWorkspaceTrusted/, `${menu}: ${item.command}`);
      }
    }
  });

  it('lists only commands that exist among the local ones', () => {
    const ids = new Set(commands.map((c) => c.command));
    assert.deepEqual(
      [...LOCAL_COMMANDS].filter((id) => !ids.has(id)),
      [],
    );
  });

  it('builds source maps with relative sources only and without the sources inlined', function () {
    const dist = path.join(ROOT, 'dist');
    if (!existsSync(dist)) this.skip(); // `npm test` builds before the unit tests run
    const maps = readdirSync(dist).filter((name) => name.endsWith('.map'));
    assert.ok(maps.length > 0, 'no source maps in dist/: run `npm run build`');
    for (const name of maps) {
      const map = JSON.parse(readFileSync(path.join(dist, name), 'utf8')) as {
        sources: string[];
        sourceRoot?: string;
        sourcesContent?: unknown[];
      };
      const absolute = map.sources.filter(
        (source) => path.isAbsolute(source) || /^[a-z]:[\\/]|^file:|^\/|\\\\/i.test(source),
      );
      assert.deepEqual(absolute, [], `${name} has absolute source paths`);
      assert.ok(!map.sourceRoot || !path.isAbsolute(map.sourceRoot), `${name} sourceRoot`);
      assert.equal(map.sourcesContent, undefined, `${name} embeds the sources`);
      const text = readFileSync(path.join(dist, name), 'utf8');
      assert.ok(!text.includes(ROOT), `${name} mentions the build folder ${ROOT}`);
    }
  });

  it('bundles carry no absolute path of the build machine', function () {
    const dist = path.join(ROOT, 'dist');
    if (!existsSync(dist)) this.skip();
    for (const name of readdirSync(dist).filter((n) => n.endsWith('.js'))) {
      const text = readFileSync(path.join(dist, name), 'utf8');
      assert.ok(!text.includes(ROOT), `${name} mentions the build folder ${ROOT}`);
    }
  });
});
