/**
 * `config-remediation deploy FILE`: check, preview, confirm, deploy in batches, report.
 *
 * Exit codes (see USAGE): 0 everything deployed (or --dry-run previewed); 1 the file has errors
 * (nothing sent) or a configuration was not deployed (FailedBatches, or an exception stopped the
 * deploy); 2 nothing was sent because the command could not run (usage, I/O, settings,
 * credentials, network, not confirmed); 130 cancelled with Ctrl-C (the report says what was
 * deployed and what was not).
 */

import { promises as fs } from 'node:fs';
import * as readline from 'node:readline';
import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  DeployItemResult,
  DeployProgress,
  DeployReport,
  DeploymentPlan,
  RemediationConfiguration,
} from '../../common/src/aws';
import {
  countsText,
  deployVerdict,
  diffLines,
  plural,
  runDeployWorkflow,
} from '../../common/src/deploy/workflow';
import {
  createLanguageService,
  documentFormat,
} from '../../server/src/languageService/languageService';
import {
  AWS_OPTIONS,
  AWS_OPTIONS_USAGE,
  asUserError,
  describeTarget,
  loadAws,
  stderrLogger,
} from './awsCli';
import { toCliDiagnostics } from './check';
import { describeIoError } from './files';
import { EXIT, UserError } from './errors';
import { formatText } from './output';
import { parseRegionList } from '../../common/src/deploy/regions';
import { deployOrganizationPack, deployStackSet, deployToRegions } from './rollout';
import { createLevelsResolver, parseRuleFlags, RULE_CONFIG_FILE } from './ruleConfig';

/** Exit code of a deploy cancelled with Ctrl-C (128 + SIGINT, as shells report it). */
export const EXIT_CANCELLED = 130;

export const DEPLOY_USAGE = `Usage: config-remediation deploy FILE [options]

Checks FILE, shows what will change (new, changed with a diff, unchanged), asks for
confirmation, then calls PutRemediationConfigurations in batches of at most 25.

Options:
  -y, --yes            Deploy without asking (needed when stdin is not a terminal).
  --dry-run            Stop after the preview; nothing is sent.
  --rule ID=LEVEL      A rule's level for the check, as in "check" (repeatable; the
                       nearest ${RULE_CONFIG_FILE} is read too).
${AWS_OPTIONS_USAGE}
  -h, --help           Show this help.

Many regions (one account):
  --regions A,B        Preview every region, ask once, deploy the regions concurrently,
                       report per region (instead of --region).
  --parallel-regions N Regions read and deployed at the same time (default 4).

StackSet (the file exported as a CloudFormation template; see "Organisation rollout"):
  --stack-set NAME     Create or update the StackSet NAME in --region (its home region)
                       and its instances in --regions.
  --ou OU,...          Organisational units (or the root r-…) to deploy to (service-managed).
  --accounts ID,...    Accounts to deploy to (with --self-managed).
  --self-managed       Self-managed permissions (your IAM roles) instead of service-managed.
  --admin-role-arn ARN, --execution-role-name NAME
                       The roles of a self-managed StackSet (default: AWS's default names).
  --no-auto-deployment Service-managed: do not deploy to accounts that join the OUs later.
  --call-as WHO        self (management account, default) or delegated-admin.
  --max-concurrent N|N%     Accounts per region at a time (default 1).
  --failure-tolerance N|N%  Failed accounts per region before the operation stops (default 0).
  --region-concurrency sequential|parallel   Regions one after another, in the order of
                       --regions (default), or all at once.
  --poll-interval S    Seconds between progress checks (default 5).

Organization conformance pack (the file exported as a conformance pack):
  --organization-conformance-pack NAME
                       Deploy to the organisation's member accounts (run it from the
                       management account or AWS Config's delegated administrator).
  --exclude-accounts ID,...  Member accounts to leave out.

Exit codes: 0 deployed (or previewed with --dry-run); 1 the file has errors, or a
configuration was not deployed (each is named with file:line); 2 nothing was sent (usage,
I/O, settings, credentials or network error, or not confirmed); 130 cancelled with Ctrl-C
(StackSets and packs: following stopped; the operation goes on in AWS and how to look it
up is printed). With --regions, --stack-set or --organization-conformance-pack, 1 means a
region, an account or an instance was not deployed (each is named).`;

/** A configuration of the file with where it is (1-based line and column). */
interface Located {
  value: RemediationConfiguration;
  line: number;
  column: number;
}

export async function runDeploy(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...AWS_OPTIONS,
      yes: { type: 'boolean', short: 'y' },
      'dry-run': { type: 'boolean' },
      rule: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
      regions: { type: 'string' },
      'parallel-regions': { type: 'string' },
      'stack-set': { type: 'string' },
      ou: { type: 'string' },
      accounts: { type: 'string' },
      'self-managed': { type: 'boolean' },
      'admin-role-arn': { type: 'string' },
      'execution-role-name': { type: 'string' },
      'no-auto-deployment': { type: 'boolean' },
      'call-as': { type: 'string' },
      'max-concurrent': { type: 'string' },
      'failure-tolerance': { type: 'string' },
      'region-concurrency': { type: 'string' },
      'poll-interval': { type: 'string' },
      'organization-conformance-pack': { type: 'string' },
      'exclude-accounts': { type: 'string' },
    },
  });
  if (values.help) {
    process.stdout.write(`${DEPLOY_USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) {
    throw new UserError(`deploy takes exactly one file.\n\n${DEPLOY_USAGE}`);
  }
  const file = positionals[0];
  const mode = rolloutMode(values);
  const out = (line = ''): void => {
    process.stdout.write(`${line}\n`);
  };
  const err = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };

  // 1. Check the file with the language service; any error refuses the deploy.
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new UserError(`${file}: ${describeIoError(error)}`);
  }
  const service = createLanguageService();
  const flags = parseRuleFlags(values.rule ?? [], service.rules);
  if (flags.errors.length > 0) throw new UserError(flags.errors.join('\n'));
  const levels = await createLevelsResolver(service.rules, flags.levels)(file);
  const parsed = service.parse(text, documentFormat(file, text));
  const recognition = service.recognise(file, text, () => parsed);
  if (recognition?.kind === 'cloudformation') {
    throw new UserError(
      `${file} is a CloudFormation template; deploy it with CloudFormation. deploy takes a put-remediation-configurations request file (a top-level RemediationConfigurations list).`,
    );
  }
  const problems = service.validate(parsed, 'request', { levels });
  const diagnostics = toCliDiagnostics(text, problems);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (diagnostics.length > 0) {
    const report = formatText([{ path: file, diagnostics }]);
    if (errors > 0) {
      out(report);
      err(
        `config-remediation: not deploying: ${file} has ${errors} error${errors === 1 ? '' : 's'}; nothing was sent. Fix ${errors === 1 ? 'it' : 'them'} and deploy again.`,
      );
      return EXIT.problems;
    }
    err(report);
  }
  const document = TextDocument.create('file:///deploy', 'plaintext', 1, text);
  const located: Located[] = service.configurations(parsed, 'request').map((c) => {
    const start = document.positionAt(c.offset);
    return {
      value: c.value as unknown as RemediationConfiguration,
      line: start.line + 1,
      column: start.character + 1,
    };
  });
  if (located.length === 0) {
    throw new UserError(`${file} has no remediation configurations to deploy.`);
  }
  const where = (index: number): string =>
    `${file}:${located[index].line}:${located[index].column}`;

  // No terminal to ask on and no --yes: refuse before talking to AWS.
  const yes = values.yes === true;
  const dryRun = values['dry-run'] === true;
  if (!yes && !dryRun && !process.stdin.isTTY) {
    throw new UserError(
      'not deploying: stdin is not a terminal, so the deploy cannot be confirmed. Review the preview with --dry-run, then pass --yes to deploy without asking.',
    );
  }

  // 2-5. Settings, account, deployed state, preview, confirmation, batches, report: the
  // workflow of common/src/deploy, with the terminal as its front end.
  const aws = await loadAws();
  const ask = yes ? undefined : askOnTerminal;
  if (mode.kind !== 'single') {
    const rollout = {
      aws,
      file,
      values: located.map((c) => c.value),
      where,
      openContext: (region?: string) =>
        aws.createAwsContext({
          profile: values.profile,
          region: region ?? values.region,
          endpointUrl: values['endpoint-url'],
          logger: values.verbose ? stderrLogger() : undefined,
        }),
      ask,
      dryRun,
      out,
      err,
      formatPreview,
      formatReport,
    };
    if (mode.kind === 'regions') return deployToRegions(rollout, mode.regions, mode.concurrency);
    if (mode.kind === 'stack-set') {
      return deployStackSet(rollout, {
        name: mode.name,
        ous: values.ou,
        accounts: values.accounts,
        regions: values.regions,
        selfManaged: values['self-managed'] === true,
        noAutoDeployment: values['no-auto-deployment'] === true,
        callAs: values['call-as'],
        maxConcurrent: values['max-concurrent'],
        failureTolerance: values['failure-tolerance'],
        regionConcurrency: values['region-concurrency'],
        adminRoleArn: values['admin-role-arn'],
        executionRoleName: values['execution-role-name'],
        pollSeconds: values['poll-interval'],
      });
    }
    return deployOrganizationPack(
      rollout,
      mode.name,
      values['exclude-accounts'],
      values['poll-interval'],
    );
  }
  const outcome = await runDeployWorkflow(
    aws,
    { values: located.map((c) => c.value) },
    {
      openContext: () =>
        aws.createAwsContext({
          profile: values.profile,
          region: values.region,
          endpointUrl: values['endpoint-url'],
          logger: values.verbose ? stderrLogger() : undefined,
        }),
      onAccount: (account, settings) => out(describeTarget(account, settings)),
      preview: ({ plan }) => out(formatPreview(plan, where, file)),
      confirm: async ({ account, plan, settings }) => {
        if (!ask) return 'yes';
        const question = `Deploy ${plural(located.length, 'configuration')} (${countsText(plan.counts)}) to account ${account.account} in region ${settings.region}? [y/N] `;
        const answer = await ask(question);
        if (answer === undefined) return 'cancelled';
        return /^y(es)?$/i.test(answer.trim()) ? 'yes' : 'no';
      },
      sending: (_planned, send) => sendCancellableWithCtrlC(aws.MAX_BATCH_SIZE, send, err),
      report: (report, { account, settings }) => {
        out(formatReport(report, where, account.account, settings.region));
        if (report.error) err(`config-remediation: ${report.error.message}`);
        return deployVerdict(report);
      },
    },
    { previewOnly: dryRun },
  );
  switch (outcome.step) {
    case 'failed':
      throw asUserError(aws, outcome.error);
    case 'cancelled':
      // Not reached: the CLI's reading is not cancellable.
      return EXIT_CANCELLED;
    case 'previewed':
      out('Dry run: nothing was sent.');
      return EXIT.ok;
    case 'not-confirmed':
      if (outcome.answer === 'cancelled') {
        err('Cancelled; nothing was sent.');
        return EXIT_CANCELLED;
      }
      err('Not confirmed; nothing was sent.');
      return EXIT.usage;
    case 'refused':
      // Not reached: the CLI checked the text it sends.
      err(outcome.message);
      return EXIT.usage;
    case 'reported':
      return outcome.result === 'deployed'
        ? EXIT.ok
        : outcome.result === 'cancelled'
          ? EXIT_CANCELLED
          : EXIT.problems;
  }
}

type DeployMode =
  | { kind: 'single' }
  | { kind: 'regions'; regions: string[]; concurrency: number }
  | { kind: 'stack-set'; name: string }
  | { kind: 'organization-conformance-pack'; name: string };

/** Which deploy the flags ask for; usage errors (exit 2) before the file is read. */
function rolloutMode(values: Record<string, string | boolean | string[] | undefined>): DeployMode {
  const stackSet = values['stack-set'] as string | undefined;
  const pack = values['organization-conformance-pack'] as string | undefined;
  const regions = values.regions as string | undefined;
  const only = (names: string[], owner: string): void => {
    const given = names.filter((n) => values[n] !== undefined);
    if (given.length > 0) {
      throw new UserError(
        `${given.map((n) => `--${n}`).join(', ')} only go${given.length === 1 ? 'es' : ''} with ${owner}.`,
      );
    }
  };
  const stackSetFlags = [
    'ou',
    'accounts',
    'self-managed',
    'admin-role-arn',
    'execution-role-name',
    'no-auto-deployment',
    'call-as',
    'max-concurrent',
    'failure-tolerance',
    'region-concurrency',
  ];
  if (stackSet !== undefined && pack !== undefined) {
    throw new UserError(
      '--stack-set and --organization-conformance-pack are two kinds of roll-out: use one.',
    );
  }
  if (stackSet !== undefined) {
    only(['exclude-accounts'], '--organization-conformance-pack');
    only(['parallel-regions'], '--regions without --stack-set (a StackSet orders regions itself)');
    return { kind: 'stack-set', name: stackSet };
  }
  only(stackSetFlags, '--stack-set');
  if (pack !== undefined) {
    only(
      ['regions', 'parallel-regions'],
      'a request or StackSet deploy (the pack deploys in --region)',
    );
    return { kind: 'organization-conformance-pack', name: pack };
  }
  only(['exclude-accounts'], '--organization-conformance-pack');
  if (regions !== undefined) {
    if (values.region !== undefined) {
      throw new UserError(
        '--region and --regions: use one (--regions deploys to each region listed).',
      );
    }
    const list = parseRegionList(regions);
    if (list.length === 0)
      throw new UserError(
        '--regions needs at least one region, e.g. --regions eu-west-1,us-east-1.',
      );
    const parallel = values['parallel-regions'] as string | undefined;
    const concurrency = parallel === undefined ? 4 : Number(parallel);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
      throw new UserError(
        `--parallel-regions must be a whole number from 1 to 32, not "${parallel}".`,
      );
    }
    return { kind: 'regions', regions: list, concurrency };
  }
  only(
    ['parallel-regions', 'poll-interval'],
    '--regions, --stack-set or --organization-conformance-pack',
  );
  return { kind: 'single' };
}

/**
 * Sends the batches; Ctrl-C cancels between batches (the batch in flight finishes so its outcome
 * is known), a second Ctrl-C quits at once.
 */
async function sendCancellableWithCtrlC(
  maxBatchSize: number,
  send: (signal: AbortSignal, onProgress: (p: DeployProgress) => void) => Promise<DeployReport>,
  err: (line: string) => void,
): Promise<DeployReport> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    if (interrupts === 1) {
      controller.abort();
      err(
        'Cancelling: the batch in flight finishes so its outcome is known; later batches are not sent. Press Ctrl-C again to quit at once (the outcome of the batch in flight is then unknown).',
      );
    } else {
      err(
        'Quit; the outcome of the batch in flight is unknown. Preview again to see the deployed state.',
      );
      process.exit(EXIT_CANCELLED);
    }
  };
  process.on('SIGINT', onSigint);
  try {
    return await send(controller.signal, (p) => {
      if (p.phase === 'sending') {
        const size = Math.min(p.total - p.done, maxBatchSize);
        err(`Batch ${p.batch}/${p.batchCount}: sending ${plural(size, 'configuration')}…`);
      } else {
        err(`Batch ${p.batch}/${p.batchCount}: done (${p.done} of ${p.total} sent).`);
      }
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** The preview: counts, then one line per configuration (changed ones with their diff). */
export function formatPreview(
  plan: DeploymentPlan,
  where: (index: number) => string,
  file: string,
): string {
  const lines = [`Preview of ${file}: ${countsText(plan.counts)}`];
  const marks = { new: '+ new      ', changed: '~ changed  ', unchanged: '= unchanged' } as const;
  for (const item of plan.items) {
    lines.push(`  ${marks[item.status]} ${item.configRuleName}  (${where(item.index)})`);
    if (item.status === 'changed' && item.diff) {
      for (const line of diffLines(item.diff)) lines.push(`      ${line}`);
    }
  }
  return lines.join('\n');
}

const STATUS_TEXT: Record<DeployItemResult['status'], string> = {
  deployed: 'deployed',
  failed: 'failed',
  'not-sent': 'not sent',
  unknown: 'unknown',
};

/** The report: a summary, then each configuration that was not deployed, with file:line:col. */
export function formatReport(
  report: DeployReport,
  where: (index: number) => string,
  account: string,
  region: string,
): string {
  const { counts } = report;
  const parts = [
    `${counts.deployed} deployed`,
    `${counts.failed} failed`,
    `${counts['not-sent']} not sent`,
  ];
  if (counts.unknown > 0) parts.push(`${counts.unknown} unknown (the request was in flight)`);
  const why = report.cancelled
    ? ' (cancelled)'
    : report.error
      ? ` (stopped: ${report.error.code})`
      : '';
  const lines = [
    `Deploy to account ${account} in ${region}: ${parts.join(', ')} of ${report.total}${why}.`,
  ];
  for (const item of report.items) {
    if (item.status === 'deployed') continue;
    const message =
      item.message && item.message !== report.error?.message ? `: ${item.message}` : '';
    lines.push(`${where(item.index)} ${STATUS_TEXT[item.status]} ${item.configRuleName}${message}`);
  }
  for (const unmatched of report.unmatchedFailures) {
    lines.push(`(not in the file) failed ${unmatched.configRuleName}: ${unmatched.message}`);
  }
  return lines.join('\n');
}

/**
 * Asks on the terminal; resolves with the answer, or undefined on Ctrl-C or end of input.
 */
function askOnTerminal(question: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    let answered = false;
    rl.on('SIGINT', () => {
      answered = true;
      process.stderr.write('\n');
      rl.close();
      resolve(undefined);
    });
    rl.on('close', () => {
      if (!answered) resolve(undefined);
    });
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer);
    });
  });
}
