import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createLanguageService,
  EXPORT_TARGETS,
  exportConfigurations,
  ExportError,
  type ExportFormat,
  type ExportTarget,
  formatFor,
} from '../../server/src/languageService/languageService';
import { toCliDiagnostics } from './check';
import { EXIT, UserError } from './errors';
import { describeIoError } from './files';
import { formatText } from './output';

export const EXPORT_USAGE = `Usage: config-remediation export --to TARGET [--format json|yaml] [-o FILE] [--force] FILE

Converts the remediation configurations of FILE (a request file, or a CloudFormation or
conformance pack template with AWS::Config::RemediationConfiguration resources) to TARGET:
  cloudformation     a CloudFormation template: one resource per configuration, and a
                     parameter per Config rule name (the rule must already exist)
  conformance-pack   a conformance pack template: the remediations and their Config rules
  request            the PutRemediationConfigurations request (--cli-input-json|yaml);
                     from a template, a Ref to a parameter takes the parameter's Default

Options:
  --to TARGET        cloudformation, conformance-pack or request (required)
  --format FORMAT    json or yaml; default: the extension of -o FILE, else FILE's format
  -o, --output FILE  write there instead of standard output (never over FILE itself)
  --force            export even when FILE has errors
  -h, --help         show this help

FILE is checked first: errors stop the export (exit 1) and are printed, unless --force.
Exit codes: 0 exported, 1 FILE has errors or cannot be exported, 2 usage or I/O error.`;

/** `config-remediation export`: registered in main.ts. */
export async function runExport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      to: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${EXPORT_USAGE}\n`);
    return EXIT.ok;
  }
  const target = values.to;
  if (target === undefined) {
    throw new UserError(`export needs --to ${EXPORT_TARGETS.join('|')}.`);
  }
  if (!(EXPORT_TARGETS as readonly string[]).includes(target)) {
    throw new UserError(`--to must be one of ${EXPORT_TARGETS.join(', ')}, not "${target}".`);
  }
  if (values.format !== undefined && values.format !== 'json' && values.format !== 'yaml') {
    throw new UserError(`--format must be "json" or "yaml", not "${values.format}".`);
  }
  if (positionals.length !== 1) {
    throw new UserError(
      positionals.length === 0 ? 'export needs a FILE.' : 'export takes exactly one FILE.',
    );
  }
  const input = positionals[0] as string;
  const output = values.output;
  if (output !== undefined && path.resolve(output) === path.resolve(input)) {
    throw new UserError('-o must not be the input FILE: the export would overwrite it.');
  }

  let text: string;
  try {
    text = await fs.readFile(input, 'utf8');
  } catch (error) {
    throw new UserError(`${input}: ${describeIoError(error)}`);
  }
  const inputFormat = formatFor(input) ?? (/^\s*[{[]/.test(text) ? 'json' : 'yaml');
  const format: ExportFormat =
    (values.format as ExportFormat | undefined) ??
    (output !== undefined ? outputFormatOf(output) : undefined) ??
    (inputFormat === 'yaml' ? 'yaml' : 'json');

  const service = createLanguageService();
  const parsed = service.parse(text, inputFormat);
  // Named explicitly, so read as a request when not recognised (the check then says what is wrong).
  const kind = service.recognise(input, text, () => parsed)?.kind ?? 'request';
  const problems = service.validate(parsed, kind);
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0 && !values.force) {
    const diagnostics = toCliDiagnostics(text, errors);
    process.stderr.write(`${formatText([{ path: input, diagnostics }])}\n`);
    process.stderr.write(
      `config-remediation: ${input} has errors; nothing exported. Fix them, or use --force.\n`,
    );
    return EXIT.problems;
  }

  const configurations = service.configurations(parsed, kind);
  let result;
  try {
    result = exportConfigurations(
      configurations.map((configuration) => configuration.value),
      { target: target as ExportTarget, format, source: path.basename(input) },
    );
  } catch (error) {
    if (!(error instanceof ExportError)) throw error;
    const document = TextDocument.create('file:///export', 'plaintext', 1, text);
    for (const item of error.unresolved) {
      const where = configurations[item.index];
      const position = where ? document.positionAt(where.offset) : { line: 0, character: 0 };
      process.stderr.write(
        `${input}:${position.line + 1}:${position.character + 1} ${item.path} is ${item.intrinsic}, which only CloudFormation can compute.\n`,
      );
    }
    process.stderr.write(`config-remediation: ${error.message}\n`);
    return EXIT.problems;
  }
  for (const warning of result.warnings) process.stderr.write(`config-remediation: ${warning}\n`);
  if (output === undefined) {
    process.stdout.write(result.text);
    return EXIT.ok;
  }
  try {
    await fs.writeFile(output, result.text);
  } catch (error) {
    throw new UserError(`${output}: ${describeIoError(error)}`);
  }
  return EXIT.ok;
}

function outputFormatOf(file: string): ExportFormat | undefined {
  const format = formatFor(file);
  if (format === 'yaml') return 'yaml';
  return format === undefined ? undefined : 'json';
}
