/**
 * What a person sees: code-server (VS Code 1.100.3) in Debian's Chromium, driven by
 * playwright-core, with the packaged .vsix installed by `--install-extension`.
 *   trusted:    squiggles and the Problems count, the completion list, the hover, a quick fix
 *               picked from the light bulb menu, the deploy command in the palette, the
 *               configurations in the Outline view and the breadcrumbs;
 *   Restricted Mode: diagnostics still show, the deploy commands are not offered.
 * Every wait is for a selector or a condition. Screenshots: test-results/screenshots/ui-*.png
 * (one per step, plus `*-failure.png`); logs: test-results/logs/ui-*.log.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { AwsFixture } from '../fixtures/awsFixture';
import { FIXTURE_ACCOUNT, startAwsFixture } from '../fixtures/awsFixture';
import { createTestWorkspace } from '../vscode/workspace';
import type { Session } from './codeServer';
import {
  REPO_ROOT,
  createUserDataDir,
  installVsix,
  launchBrowser,
  makeTempDir,
  quickOpen,
  runCommandFromPalette,
  screenshot,
  startSession,
} from './codeServer';
import { awsTestEnv, vsixPath } from './vsix';

const BROKEN = 'with-problems/api-constraints.remediation.yaml';
const DRAFT = 'drafts/new.remediation.yaml';
const VALID = 'valid/s3-buckets.remediation.yaml';
const RULES = ['s3-bucket-public-read-prohibited', 's3-bucket-server-side-encryption-enabled'];
const DEPLOY_TITLE = 'AWS Config: Deploy Remediation Configurations';
const UI_TIMEOUT = 60_000;

/** Errors, warnings and information the CLI (the same language service) finds in a file. */
function expectedCounts(file: string): { errors: number; warnings: number; information: number } {
  let stdout: string;
  try {
    stdout = execFileSync(
      process.execPath,
      [path.join(REPO_ROOT, 'dist', 'cli.js'), 'check', '--format', 'json', file],
      { encoding: 'utf8' },
    );
  } catch (err) {
    stdout = (err as { stdout?: string }).stdout ?? ''; // exit code 1: errors found
  }
  const result = JSON.parse(stdout) as { files: { diagnostics: { severity: string }[] }[] };
  const diagnostics = result.files.flatMap((f) => f.diagnostics);
  return {
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    information: diagnostics.filter((d) => d.severity === 'information').length,
  };
}

/**
 * Starts code-server with the .vsix installed on a fresh copy of examples/, the AWS settings
 * pointing at `fixture` (user settings) and its keys in the environment.
 */
async function startUiSession(
  name: string,
  trusted: boolean,
  browser: Browser,
  fixture: AwsFixture,
): Promise<Session> {
  const extensionsDir = makeTempDir('ext');
  await installVsix(vsixPath(), extensionsDir);
  return startSession({
    name,
    workspace: createTestWorkspace(makeTempDir('ws')),
    extensionsDir,
    userDataDir: createUserDataDir({
      trusted,
      settings: {
        'awsConfigRemediation.aws.endpointUrl': fixture.endpoint,
        'awsConfigRemediation.aws.region': 'us-east-1',
      },
    }),
    env: awsTestEnv(),
    browser,
  });
}

/** Ctrl+G, "line[:column]", Enter. */
async function goToLine(page: Page, target: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  // A key press can be lost while the workbench moves focus (a notification, a widget closing):
  // press again, a bounded number of times, if the Go to Line box does not open.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+G');
    try {
      await input.waitFor({ state: 'visible', timeout: attempt < 3 ? 10_000 : UI_TIMEOUT });
      break;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
  await input.fill(`:${target}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  const [line, column] = target.split(':');
  const where = column ? new RegExp(`Ln ${line}, Col ${column}\\b`) : new RegExp(`Ln ${line},`);
  await page
    .locator('#status\\.editor\\.selection', { hasText: where })
    .waitFor({ timeout: UI_TIMEOUT });
}

/** The status bar's problems item for these counts. */
function problemsStatus(
  page: Page,
  counts: { errors: number; warnings: number; information: number },
) {
  // VS Code's label names only the non-zero counts ("Errors: 7, Warnings: 1", "Errors: 7" and
  // then the information count, if any): exact errors and warnings, whatever follows them.
  const label = [
    counts.errors > 0 ? `Errors: ${counts.errors}` : '',
    counts.warnings > 0 ? `Warnings: ${counts.warnings}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const noWarnings = counts.warnings === 0 ? ':not([aria-label*="Warnings"])' : '';
  return page.locator(
    `#status\\.problems[aria-label="${label}"]${noWarnings}, #status\\.problems[aria-label^="${label}, "]${noWarnings}`,
  );
}

/**
 * The Problems panel's row for a file, once it says `total` problems (the panel is opened if
 * it is not visible).
 */
function fileProblems(page: Page, relativePath: string, total: number) {
  const base = path.basename(relativePath);
  const row = page.locator(
    `.markers-panel .monaco-list-row[aria-label^="${total} problems in file ${base} of folder ${path.dirname(relativePath)}"]`,
  );
  return {
    async waitFor(options: { timeout: number }): Promise<void> {
      if (!(await page.locator('.markers-panel').isVisible())) {
        await page.keyboard.press('Control+Shift+M');
      }
      await row.waitFor(options);
    },
  };
}

/** Opens the command palette on `query` and returns the visible rows once `settled` shows. */
async function paletteRows(page: Page, query: string, settled: string | RegExp): Promise<string[]> {
  const input = page.locator('.quick-input-widget input');
  if (!(await input.isVisible())) await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  await input.fill(query);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: settled })
    .first()
    .waitFor({ timeout: UI_TIMEOUT });
  return page
    .locator('.quick-input-list .monaco-list-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? r.textContent ?? ''));
}

async function closePalette(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
}

/** Squiggles and the Problems count of the broken example, as in the CLI. */
async function checkProblems(page: Page, workspace: string, shot: string): Promise<void> {
  const expected = expectedCounts(path.join(workspace, BROKEN));
  assert.ok(expected.errors >= 5, JSON.stringify(expected));
  await quickOpen(page, BROKEN, UI_TIMEOUT);
  await page.locator('.view-overlays .squiggly-error').first().waitFor({ timeout: UI_TIMEOUT });
  // Each severity the file has is drawn (RC207 is information since issue 13).
  if (expected.warnings > 0)
    await page.locator('.view-overlays .squiggly-warning').first().waitFor({ timeout: UI_TIMEOUT });
  if (expected.information > 0)
    await page.locator('.view-overlays .squiggly-info').first().waitFor({ timeout: UI_TIMEOUT });
  await problemsStatus(page, expected).waitFor({ timeout: UI_TIMEOUT });
  // The squiggle under LAMBDA (RC103) is where the server said.
  const lambda = await page
    .locator('.view-lines .view-line span span', { hasText: /^LAMBDA$/ })
    .first()
    .boundingBox();
  const squiggles = await page.locator('.view-overlays .squiggly-error').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
  assert.ok(lambda, 'LAMBDA is on screen');
  assert.ok(
    squiggles.some(
      (s) =>
        Math.abs(s.x - lambda.x) < 2 &&
        Math.abs(s.width - lambda.width) < 2 &&
        s.y < lambda.y + lambda.height &&
        s.y + s.height > lambda.y,
    ),
    `a squiggle exactly under LAMBDA: ${JSON.stringify({ lambda, squiggles })}`,
  );
  // The Problems panel lists them with our rule ids.
  // The panel lists information too (e.g. RC207).
  await fileProblems(
    page,
    BROKEN,
    expected.errors + expected.warnings + expected.information,
  ).waitFor({
    timeout: UI_TIMEOUT,
  });
  await page
    .locator('.markers-panel .monaco-list-row', { hasText: 'RC103' })
    .waitFor({ timeout: UI_TIMEOUT });
  await screenshot(page, shot);
}

describe('UI: code-server in Chromium with the .vsix installed', function () {
  this.timeout(10 * 60_000);
  let browser: Browser;
  let session: Session | undefined;
  let fixture: AwsFixture;

  before(async () => {
    vsixPath(); // fail fast when it was not built
    // The local AWS endpoint, in this process; code-server's extension host calls it.
    fixture = await startAwsFixture();
    fixture.addRules(...RULES);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await fixture?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) {
      const title = (this.currentTest.title ?? 'test').slice(0, 40);
      await screenshot(session.workbench.page, `ui-failure-${title}`).catch(() => undefined);
    }
  });

  describe('trusted workspace', () => {
    let page: Page;

    before(async () => {
      session = await startUiSession('ui-trusted', true, browser, fixture);
      page = session.workbench.page;
    });

    after(async () => {
      await session?.dispose();
      session = undefined;
    });

    it('shows squiggles and the Problems count for a broken file', async () => {
      await checkProblems(page, session!.server.workspace, 'ui-trusted-1-problems');
    });

    it('offers our completion items at a key position, and inserts one', async () => {
      await quickOpen(page, DRAFT, UI_TIMEOUT);
      await goToLine(page, '4');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter'); // a new member of the configuration
      await page.keyboard.press('Control+Space');
      const rows = page.locator('.editor-widget.suggest-widget .monaco-list-row');
      await rows.first().waitFor({ timeout: UI_TIMEOUT });
      const labels = await rows.evaluateAll((els) =>
        els.map((e) => (e.getAttribute('aria-label') ?? '').split(',')[0].trim()),
      );
      await screenshot(page, 'ui-trusted-2-completion');
      for (const label of ['Parameters', 'ResourceType', 'Automatic']) {
        assert.ok(labels.includes(label), `${label} in ${labels.join(', ')}`);
      }
      for (const present of ['ConfigRuleName', 'TargetType', 'TargetId']) {
        assert.ok(!labels.includes(present), `${present} is in the file already`);
      }
      await page.keyboard.type('Automat');
      await page
        .locator('.editor-widget.suggest-widget .monaco-list-row.focused[aria-label^="Automatic"]')
        .waitFor({ timeout: UI_TIMEOUT });
      await page.keyboard.press('Enter');
      await page
        .locator('.view-lines .view-line', { hasText: /^\s*Automatic:/ })
        .waitFor({ timeout: UI_TIMEOUT });
      await screenshot(page, 'ui-trusted-3-completion-accepted');
    });

    it('shows the API reference text on hover', async () => {
      await quickOpen(page, BROKEN, UI_TIMEOUT);
      await page
        .locator('.view-lines .view-line span span', { hasText: /^ConfigRuleName$/ })
        .first()
        .hover();
      const hover = page.locator('.monaco-hover:not(.hidden)', {
        hasText: 'The name of the Config rule.',
      });
      await hover.waitFor({ timeout: UI_TIMEOUT });
      const text = (await hover.textContent()) ?? '';
      assert.match(text, /ConfigRuleName — string · 1–128 characters/);
      assert.match(text, /required/);
      await screenshot(page, 'ui-trusted-4-hover');
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
    });

    it('applies a quick fix picked from the light bulb menu', async () => {
      const workspace = session!.server.workspace;
      const before = expectedCounts(path.join(workspace, BROKEN));
      await quickOpen(page, BROKEN, UI_TIMEOUT);
      await goToLine(page, '5:17'); // on LAMBDA
      await page.locator('.lightBulbWidget').waitFor({ state: 'visible', timeout: UI_TIMEOUT });
      await page.keyboard.press('Control+.');
      const fix = page.locator('.action-widget .monaco-list-row.action', {
        hasText: 'Change to "SSM_DOCUMENT"',
      });
      await fix.waitFor({ timeout: UI_TIMEOUT });
      await screenshot(page, 'ui-trusted-5-lightbulb-menu');
      // The menu ignores clicks until the mouse has moved over it (its pointer block).
      const box = await fix.boundingBox();
      assert.ok(box);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.move(box.x + box.width / 2 + 3, box.y + box.height / 2);
      await fix.click({ timeout: UI_TIMEOUT });
      await page
        .locator('.view-lines .view-line', { hasText: 'TargetType: SSM_DOCUMENT' })
        .waitFor({ timeout: UI_TIMEOUT });
      // Other files are open too: the count of this file, in the Problems panel.
      await fileProblems(
        page,
        BROKEN,
        before.errors - 1 + before.warnings + before.information,
      ).waitFor({
        timeout: UI_TIMEOUT,
      });
      await screenshot(page, 'ui-trusted-6-quick-fix-applied');
    });

    it('offers the deploy command in the palette and the editor title', async () => {
      await quickOpen(page, 'valid/s3-buckets.remediation.yaml', UI_TIMEOUT);
      await page
        .locator('.editor-actions .action-item a[aria-label^="Deploy Remediation Configurations"]')
        .waitFor({ timeout: UI_TIMEOUT });
      const rows = await paletteRows(page, '>AWS Config:', 'Show Log');
      await screenshot(page, 'ui-trusted-7-palette');
      await closePalette(page);
      assert.ok(rows.includes(DEPLOY_TITLE), rows.join(' | '));
    });

    it('deploys through the real confirmation dialog', async () => {
      fixture.reset();
      await quickOpen(page, VALID, UI_TIMEOUT);
      await page
        .locator('.editor-actions .action-item a[aria-label^="Deploy Remediation Configurations"]')
        .click();
      const dialog = page.locator('.monaco-dialog-box', {
        hasText: `Deploy 2 remediation configurations to account ${FIXTURE_ACCOUNT} in us-east-1?`,
      });
      await dialog.waitFor({ timeout: UI_TIMEOUT });
      assert.equal(fixture.calls('PutRemediationConfigurations').length, 0, 'not before "Deploy"');
      await screenshot(page, 'ui-trusted-8-deploy-dialog');
      await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^Deploy$/ }).click();
      await page
        .locator('.notification-toast', {
          hasText: `Deployed 2 remediation configurations to account ${FIXTURE_ACCOUNT} in us-east-1.`,
        })
        .waitFor({ timeout: UI_TIMEOUT });
      await screenshot(page, 'ui-trusted-9-deployed');
      const puts = fixture.calls('PutRemediationConfigurations');
      assert.equal(puts.length, 1);
      assert.ok(puts[0].signatureValid);
      assert.deepEqual([...fixture.remediations.keys()].sort(), [...RULES].sort());
    });
    it('lists each configuration by its rule name in the Outline view and the breadcrumbs', async () => {
      await quickOpen(page, VALID, UI_TIMEOUT);
      await runCommandFromPalette(page, 'Explorer: Focus on Outline View', UI_TIMEOUT);
      const outline = page.locator('.pane', {
        has: page.locator('.pane-header', { hasText: /outline/i }),
      });
      // The first configuration, expanded: its rule name, then its members (the list shows only
      // the rows that fit in the pane).
      await outline
        .locator('.monaco-list-row', { hasText: RULES[0] })
        .first()
        .waitFor({ timeout: UI_TIMEOUT });
      await outline
        .locator('.monaco-list-row', { hasText: 'Parameters' })
        .first()
        .waitFor({ timeout: UI_TIMEOUT });
      // Inside the second configuration (on its TargetType line), the breadcrumbs name it.
      await goToLine(page, '25:5');
      await page
        .locator('.breadcrumbs-control .monaco-breadcrumb-item', { hasText: RULES[1] })
        .first()
        .waitFor({ timeout: UI_TIMEOUT });
      await screenshot(page, 'ui-trusted-10-outline');
    });
  });

  describe('Restricted Mode (untrusted workspace)', () => {
    let page: Page;

    before(async () => {
      fixture.reset();
      session = await startUiSession('ui-restricted', false, browser, fixture);
      page = session.workbench.page;
      await page
        .locator('#status\\.workspaceTrust', { hasText: 'Restricted Mode' })
        .waitFor({ timeout: UI_TIMEOUT });
    });

    after(async () => {
      await session?.dispose();
      session = undefined;
    });

    it('still shows squiggles and the Problems count', async () => {
      await checkProblems(page, session!.server.workspace, 'ui-restricted-1-problems');
    });

    it('does not offer deploy, preview or pull', async () => {
      await quickOpen(page, 'valid/s3-buckets.remediation.yaml', UI_TIMEOUT);
      // The title bar is rendered (its split button), without our deploy button.
      await page
        .locator('.editor-actions .action-item a.codicon-split-horizontal')
        .waitFor({ timeout: UI_TIMEOUT });
      assert.equal(await page.locator('.editor-actions a[aria-label*="Deploy"]').count(), 0);
      const rows = await paletteRows(page, '>AWS Config:', 'Show Log');
      assert.ok(rows.includes('AWS Config: Show Log'), rows.join(' | '));
      const aws = rows.filter((r) => /Deploy|Preview|Pull/.test(r));
      assert.deepEqual(aws, [], 'AWS commands are hidden in Restricted Mode');
      // Fuzzy search still finds "New Remediation Request" (it works untrusted), never a deploy.
      const search = await paletteRows(
        page,
        '>Deploy Remediation',
        /No matching commands|New Remediation Request/,
      );
      await screenshot(page, 'ui-restricted-2-palette');
      await closePalette(page);
      assert.deepEqual(
        search.filter((r) => /Deploy|Preview|Pull|Roll Out/.test(r)),
        [],
        search.join(' | '),
      );
      // The AWS settings are there (user settings) but ignored: nothing reached the endpoint.
      assert.deepEqual(
        fixture.requests.map((r) => r.operation),
        [],
      );
    });
  });
});
