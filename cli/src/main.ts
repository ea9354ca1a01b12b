import { parseArgs } from 'node:util';
import { createLanguageService } from '../../server/src/languageService/languageService';
import { checkPaths } from './check';
import { ACCOUNT_FLAGS, lookUpForCheck } from './account';
import { AWS_OPTIONS } from './awsCli';
import { createLevelsResolver, parseRuleFlags } from './ruleConfig';
import { runDeploy } from './deploy';
import { EXIT, UserError } from './errors';
import { formatJson, formatText } from './output';
import { runPull } from './pull';
import { runExport } from './export';

const USAGE = `Usage: config-remediation <command> [options]

Commands:
  check [--format text|json] [--rule ID_OR_SLUG=LEVEL]... PATH...
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

async function runCheck(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      rule: { type: 'string', multiple: true },
      account: { type: 'boolean' },
      ...AWS_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const withoutAccount = ACCOUNT_FLAGS.filter((flag) => values[flag] !== undefined);
  if (!values.account && withoutAccount.length > 0) {
    throw new UserError(`--${withoutAccount[0]} needs --account.`);
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json') {
    throw new UserError(`--format must be "text" or "json", not "${format}".`);
  }
  if (positionals.length === 0) throw new UserError('check needs at least one file or folder.');
  const service = createLanguageService();
  const flags = parseRuleFlags(values.rule ?? [], service.rules);
  if (flags.errors.length > 0) throw new UserError(flags.errors.join('\n'));
  const levelsFor = createLevelsResolver(service.rules, flags.levels);
  const account = values.account
    ? await lookUpForCheck(positionals, {
        service,
        profile: values.profile,
        region: values.region,
        endpointUrl: values['endpoint-url'],
        verbose: values.verbose,
      })
    : undefined;
  const result = await checkPaths(positionals, { service, levelsFor, account });
  process.stdout.write(
    `${format === 'json' ? formatJson(result.files) : formatText(result.files)}\n`,
  );
  for (const error of result.ioErrors) process.stderr.write(`config-remediation: ${error}\n`);
  if (result.ioErrors.length > 0) return EXIT.usage;
  const hasErrors = result.files.some((file) =>
    file.diagnostics.some((d) => d.severity === 'error'),
  );
  return hasErrors ? EXIT.problems : EXIT.ok;
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
    process.stderr.write(`config-remediation: unknown command "${name}".\n\n${USAGE}\n`);
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
      process.stderr.write(`config-remediation: ${(error as Error).message}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    process.stderr.write(
      `config-remediation: internal error: ${(error as Error)?.stack ?? String(error)}\n`,
    );
    return EXIT.usage;
  }
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
