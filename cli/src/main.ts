import { parseArgs } from 'node:util';
import {
  createLanguageService,
  formatFor,
  type LanguageService,
} from '../../server/src/languageService/languageService';
import { applyBaseline, readBaseline, writeBaseline } from './baseline';
import { checkPaths, checkText } from './check';
import { ACCOUNT_FLAGS, lookUpForCheck } from './account';
import { AWS_OPTIONS, AWS_OPTIONS_USAGE } from './awsCli';
import { createLevelsResolver, parseRuleFlags } from './ruleConfig';
import { runDeploy } from './deploy';
import { EXIT, UserError } from './errors';
import { formatGithub } from './github';
import { formatJunit } from './junit';
import { formatJson, formatText, type CliFileResult } from './output';
import { formatSarif } from './sarif';
import { runPull } from './pull';
import { runExport } from './export';

const USAGE = `Usage: config-remediation <command> [options]

Commands:
  check [--format text|json|sarif|github|junit] [--baseline FILE] [--rule ID_OR_SLUG=LEVEL]...
        [--no-inline-config] PATH...
                                       Check remediation configuration files (folders are walked).
                                       Rule levels (error, warning, information, hint, off) come
                                       from the nearest .config-remediation.json, e.g.
                                       {"rules": {"RC201": "off"}}; --rule overrides it.
        [--account [--profile P] [--region R] [--endpoint-url URL] [--verbose]]
                                       Also check against the account: its Config rules and
                                       runbooks are looked up first (RC4xx rules). A failed
                                       look-up prints a warning and the check runs offline.
  deploy FILE [--yes] [--dry-run] [--profile P] [--region R] [--endpoint-url URL]
                                       Check, preview, confirm and deploy FILE to AWS Config.
  pull [--rules a,b] [--format json|yaml] [-o FILE] [--profile P] [--region R] [--endpoint-url URL]
                                       Write the deployed configurations as a request document.
  export --to cloudformation|conformance-pack|request [--format json|yaml] [-o FILE] [--force] FILE
                                       Convert FILE to a CloudFormation template, a conformance
                                       pack, or (from a template) back to a request.

Options:
  -h, --help      Show this help.
  -v, --version   Show the version.

Run "config-remediation <command> --help" for a command's options.

Exit codes: 0 no errors, 1 errors found (deploy: or a configuration was not deployed),
2 usage, I/O, settings, credentials or network error (nothing was done); 130 deploy cancelled.`;

const VERSION = '0.1.0';

/** A command: takes its own arguments and returns the exit code. */
export type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  check: runCheck,
  deploy: runDeploy,
  pull: runPull,
  export: runExport,
};

/** Registers another command (deploy, pull, export plug in here). */
export function registerCommand(name: string, command: Command): void {
  commands[name] = command;
}

export const CHECK_USAGE = `Usage: config-remediation check [options] PATH...

Checks remediation configuration files; folders are walked for *.remediation.json|jsonc|yaml|yml,
files whose root has a RemediationConfigurations key and CloudFormation templates with
AWS::Config::RemediationConfiguration resources. "-" reads standard input.

Options:
  --format F             text (default), json, sarif (SARIF 2.1.0), github (workflow
                         annotations) or junit (JUnit XML).
  --rule ID_OR_SLUG=LEVEL
                         Set a rule's level (error, warning, information, hint, off); overrides
                         the nearest .config-remediation.json, e.g. {"rules": {"RC201": "off"}}.
  --baseline FILE        Report only findings that are not in FILE (written by --write-baseline).
  --write-baseline FILE  Record today's findings in FILE; they are then reported as baselined.
  --allow-empty          Exit 0 when no remediation file is found (else exit 2).
  --stdin-filename NAME  The name of the text read from "-" (its format and recognition).
  --no-inline-config     Ignore suppressions in the files (config-remediation-disable comments,
                         template Metadata "config-remediation: ignore"): report every finding.
  --account              Also check against the account: its Config rules and runbooks are looked
                         up first (RC4xx rules). A failed look-up prints a warning and the check
                         runs offline. With it:
${AWS_OPTIONS_USAGE}
  -h, --help             Show this help.

Exit codes: 0 no errors, 1 errors found, 2 usage or I/O error, or no remediation file found.`;

const FORMATS = ['text', 'json', 'sarif', 'github', 'junit'] as const;
type Format = (typeof FORMATS)[number];

async function runCheck(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      rule: { type: 'string', multiple: true },
      account: { type: 'boolean' },
      baseline: { type: 'string' },
      'write-baseline': { type: 'string' },
      'allow-empty': { type: 'boolean' },
      'stdin-filename': { type: 'string' },
      'no-inline-config': { type: 'boolean' },
      ...AWS_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${CHECK_USAGE}\n`);
    return EXIT.ok;
  }
  const withoutAccount = ACCOUNT_FLAGS.filter((flag) => values[flag] !== undefined);
  if (!values.account && withoutAccount.length > 0) {
    throw new UserError(`--${withoutAccount[0]} needs --account.`);
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) {
    throw new UserError(
      `--format must be one of ${FORMATS.map((f) => `"${f}"`).join(', ')}, not "${values.format}".`,
    );
  }
  if (values.baseline !== undefined && values['write-baseline'] !== undefined) {
    throw new UserError('use either --baseline or --write-baseline, not both.');
  }
  if (positionals.length === 0) throw new UserError('check needs at least one file or folder.');
  const readsStdin = positionals.includes('-');
  if (values['stdin-filename'] !== undefined && !readsStdin) {
    throw new UserError('--stdin-filename needs "-" among the paths.');
  }
  const service = createLanguageService();
  const flags = parseRuleFlags(values.rule ?? [], service.rules);
  if (flags.errors.length > 0) throw new UserError(flags.errors.join('\n'));
  const known = values.baseline !== undefined ? await readBaseline(values.baseline) : undefined;
  const levelsFor = createLevelsResolver(service.rules, flags.levels);
  const paths = positionals.filter((p) => p !== '-');
  const account = values.account
    ? await lookUpForCheck(paths, {
        service,
        profile: values.profile,
        region: values.region,
        endpointUrl: values['endpoint-url'],
        verbose: values.verbose,
      })
    : undefined;
  const baselinePath = values.baseline ?? values['write-baseline'];
  const options = {
    service,
    levelsFor,
    account,
    nameConfigurations: baselinePath !== undefined,
    inlineConfig: values['no-inline-config'] !== true,
  };
  const result = paths.length > 0 ? await checkPaths(paths, options) : { files: [], ioErrors: [] };
  if (readsStdin) {
    const name = values['stdin-filename'] ?? '<stdin>';
    const text = await readStdin();
    const checked = await checkText(
      name,
      text,
      formatFor(name) ?? sniffFormat(text),
      true,
      options,
    );
    if (checked) result.files.push(checked);
  }
  // Errors first: a reader of the output sees why a file is missing before the summary.
  for (const error of result.ioErrors) process.stderr.write(`config-remediation: ${error}\n`);
  let files = result.files;
  let baselined: number | undefined;
  if (values['write-baseline'] !== undefined) {
    const count = await writeBaseline(files, values['write-baseline']);
    process.stderr.write(
      `config-remediation: wrote ${count} finding${count === 1 ? '' : 's'} to the baseline ${values['write-baseline']}.\n`,
    );
  }
  if (baselinePath !== undefined) {
    const applied = applyBaseline(files, baselinePath, known ?? (await readBaseline(baselinePath)));
    files = applied.files;
    baselined = applied.baselined;
  }
  const empty = result.files.length === 0 && result.ioErrors.length === 0;
  if (empty && !values['allow-empty']) {
    process.stderr.write(
      `config-remediation: no remediation file found in ${paths.join(', ') || 'the paths given'} (pass --allow-empty to accept that).\n`,
    );
  }
  process.stdout.write(`${render(format, files, service.rules, baselined)}\n`);
  if (result.ioErrors.length > 0) return EXIT.usage;
  if (empty && !values['allow-empty']) return EXIT.usage;
  const hasErrors = files.some((file) => file.diagnostics.some((d) => d.severity === 'error'));
  return hasErrors ? EXIT.problems : EXIT.ok;
}

function render(
  format: Format,
  files: readonly CliFileResult[],
  rules: LanguageService['rules'],
  baselined: number | undefined,
): string {
  switch (format) {
    case 'json':
      return formatJson(files, baselined);
    case 'sarif':
      return formatSarif(files, rules, VERSION);
    case 'github':
      return formatGithub(files, baselined);
    case 'junit':
      return formatJunit(files);
    case 'text':
      return formatText(files, baselined);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Standard input without a name: JSON when it starts like JSON, else YAML. */
function sniffFormat(text: string): 'json' | 'yaml' {
  return /^\s*[{[]/.test(text.replace(/^\uFEFF/, '')) ? 'json' : 'yaml';
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '-v' || name === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(
      `config-remediation: unknown command "${name}"; run "config-remediation --help".\n`,
    );
    return EXIT.usage;
  }
  try {
    return await command(rest);
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`config-remediation: ${error.message}\n`);
      return error.exitCode;
    }
    const code = (error as { code?: string })?.code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(
        `config-remediation: ${usageError((error as Error).message)}; run "config-remediation ${name} --help".\n`,
      );
      return EXIT.usage;
    }
    process.stderr.write(
      `config-remediation: internal error: ${(error as Error)?.stack ?? String(error)}\n`,
    );
    return EXIT.usage;
  }
}

/**
 * Node's parseArgs messages, in one line: "Unknown option '--x'. To specify a positional
 * argument starting with a '-', place it at the end…" becomes "unknown option --x".
 */
function usageError(message: string): string {
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option ${unknown[1]}`;
  const firstSentence = message.split(/\.\s/)[0].replace(/\.$/, '');
  return firstSentence.charAt(0).toLowerCase() + firstSentence.slice(1);
}

if (require.main === module) {
  // `config-remediation check . | head`: the reader went away. Stop quietly, as Unix tools do,
  // instead of dying on an unhandled EPIPE with a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && stream === process.stdout) {
        process.stderr.write(`config-remediation: cannot write the output: ${error.message}\n`);
        process.exitCode = EXIT.usage;
      }
      process.exit();
    });
  }
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`config-remediation: ${String(error)}\n`);
      process.exitCode = EXIT.usage;
    },
  );
}
