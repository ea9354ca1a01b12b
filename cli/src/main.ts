import { parseArgs } from 'node:util';
import { createLanguageService } from '../../server/src/languageService/languageService';
import { checkPaths } from './check';
import { EXIT, UserError } from './errors';
import { formatJson, formatText } from './output';

const USAGE = `Usage: config-remediation <command> [options]

Commands:
  check [--format text|json] PATH...   Check remediation configuration files (folders are walked).

Options:
  -h, --help      Show this help.
  -v, --version   Show the version.

Exit codes: 0 no errors, 1 errors found, 2 usage or I/O error.`;

const VERSION = '0.1.0';

/** A command: takes its own arguments and returns the exit code. */
export type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  check: runCheck,
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
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json') {
    throw new UserError(`--format must be "text" or "json", not "${format}".`);
  }
  if (positionals.length === 0) throw new UserError('check needs at least one file or folder.');
  const service = createLanguageService();
  const result = await checkPaths(positionals, { service });
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
