/**
 * The getting-started walkthrough (package.json `contributes.walkthroughs`): every page it shows
 * exists and is shipped in the .vsix, every command it links to or waits for is ours and
 * contributed (or a VS Code command named here on purpose), every step can be completed, and the
 * request "New Remediation Request" opens checks as the walkthrough says (one placeholder finding).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import { COMMANDS, SETTINGS_SECTION } from '../../common/src/protocol';
import { STARTER_REQUEST } from '../../client/src/starterRequest';
import { createLanguageService } from '../../server/src/languageService/languageService';

const ROOT = path.join(__dirname, '..', '..', '..');

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: unknown; svg?: string; altText?: string };
  completionEvents?: string[];
}
interface Manifest {
  contributes: {
    commands: { command: string }[];
    configuration: { properties: Record<string, unknown> };
    walkthroughs?: { id: string; title: string; description: string; steps: Step[] }[];
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const walkthroughs = manifest.contributes.walkthroughs ?? [];
const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
const settings = new Set(Object.keys(manifest.contributes.configuration.properties));

/** VS Code's own commands the walkthrough uses, each checked by hand to exist in VS Code 1.90. */
const VSCODE_COMMANDS = new Set([
  'workbench.actions.view.problems',
  'outline.focus',
  'workbench.action.openSettings',
]);
/** The views it waits for. */
const VSCODE_VIEWS = new Set(['outline']);

/** The packaging rules: what the .vsix ships (everything excluded, then `!pattern`s). */
function shipped(file: string): boolean {
  const rules = fs
    .readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  let included = true;
  for (const rule of rules) {
    const negated = rule.startsWith('!');
    if (minimatch(file, negated ? rule.slice(1) : rule, { dot: true })) included = negated;
  }
  return included;
}

function commandLinks(description: string): string[] {
  return [...description.matchAll(/\]\(command:([\w.-]+)/g)].map((match) => match[1] as string);
}

describe('getting-started walkthrough', () => {
  it('is contributed, with steps from a new request to a preview of the deploy', () => {
    assert.equal(walkthroughs.length, 1);
    const steps = walkthroughs[0]?.steps ?? [];
    assert.equal(steps[0]?.id, 'newRequest');
    assert.equal(steps.at(-1)?.id, 'preview');
    assert.ok(steps.length >= 4);
    assert.equal(new Set(steps.map((s) => s.id)).size, steps.length, 'step ids are unique');
  });

  for (const step of walkthroughs.flatMap((w) => w.steps)) {
    describe(`step ${step.id}`, () => {
      it('shows a markdown page that exists and is shipped in the .vsix', () => {
        const page = step.media.markdown;
        assert.ok(page, 'a markdown page');
        assert.ok(fs.existsSync(path.join(ROOT, page)), `${page} exists`);
        assert.ok(shipped(page), `${page} is not excluded by .vscodeignore`);
        assert.match(fs.readFileSync(path.join(ROOT, page), 'utf8'), /^# \S/);
      });

      it('links to and waits for commands that exist, settings that exist', () => {
        const events = step.completionEvents ?? [];
        assert.ok(
          events.length > 0 || commandLinks(step.description).length > 0,
          'a completion event or a command link',
        );
        const commands = [
          ...commandLinks(step.description),
          ...events.filter((e) => e.startsWith('onCommand:')).map((e) => e.slice(10)),
        ];
        for (const command of commands) {
          if (command.startsWith(`${SETTINGS_SECTION}.`)) {
            assert.ok(contributed.has(command), `${command} is contributed`);
            assert.ok(Object.values(COMMANDS).includes(command as never), `${command} in COMMANDS`);
          } else {
            assert.ok(VSCODE_COMMANDS.has(command), `${command} is a VS Code command we know`);
          }
        }
        for (const event of events) {
          const [kind, value] = event.split(/:(.*)/s);
          if (kind === 'onSettingChanged') assert.ok(settings.has(value ?? ''), event);
          else if (kind === 'onView') assert.ok(VSCODE_VIEWS.has(value ?? ''), event);
          else assert.ok(kind === 'onCommand' || event === 'stepSelected', `known event ${event}`);
        }
      });
    });
  }

  it('"New Remediation Request" opens a request whose one finding is the placeholder account id', () => {
    assert.ok(contributed.has(COMMANDS.newRequest));
    const service = createLanguageService();
    const parsed = service.parse(STARTER_REQUEST, 'yaml');
    const recognised = service.recognise('Untitled-1', STARTER_REQUEST, () => parsed);
    assert.equal(recognised?.kind, 'request', 'recognised by its content (untitled)');
    const problems = service.validate(parsed, 'request');
    assert.deepEqual(
      problems.map((p) => [p.ruleId, STARTER_REQUEST.slice(p.offset, p.offset + p.length)]),
      [['RC203', 'arn:aws:iam::123456789012:role/ConfigRemediationRole']],
    );
    // The walkthrough's first page shows the same request.
    const page = fs.readFileSync(path.join(ROOT, 'docs', 'walkthrough', 'new-request.md'), 'utf8');
    assert.ok(page.includes('TargetId: AWS-ConfigureS3BucketLogging'));
  });
});
