/**
 * `config-remediation pull`: the deployed remediation configurations as a request document
 * (DescribeConfigRules, paged, then DescribeRemediationConfigurations; output-only members
 * dropped), on stdout or into a file.
 */

import { promises as fs } from 'node:fs';
import { parseArgs } from 'node:util';
import type { DocumentFormat } from '../../common/src/aws';
import {
  AWS_OPTIONS,
  AWS_OPTIONS_USAGE,
  asUserError,
  describeTarget,
  loadAws,
  stderrLogger,
} from './awsCli';
import { describeIoError } from './files';
import { EXIT, UserError } from './errors';

export const PULL_USAGE = `Usage: config-remediation pull [options]

Writes the deployed remediation configurations of the account and region as a
put-remediation-configurations request document (--cli-input-json / --cli-input-yaml).

Options:
  --rules a,b          Only these Config rules (default: every rule of the account/region).
  --format json|yaml   Output format (default: from the -o file name, else json).
  -o, --output FILE    Write to FILE instead of stdout.
${AWS_OPTIONS_USAGE}
  -h, --help           Show this help.

Exit codes: 0 written; 2 usage, I/O, settings, credentials or network error.`;

export async function runPull(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...AWS_OPTIONS,
      rules: { type: 'string', multiple: true },
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${PULL_USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 0) {
    throw new UserError(`pull takes no file argument (use -o FILE).\n\n${PULL_USAGE}`);
  }
  const format = pickFormat(values.format, values.output);
  const rules = (values.rules ?? [])
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter((name) => name.length > 0);

  const aws = await loadAws();
  let text: string;
  let summary: string;
  try {
    const ctx = await aws.createAwsContext({
      profile: values.profile,
      region: values.region,
      endpointUrl: values['endpoint-url'],
      logger: values.verbose ? stderrLogger() : undefined,
    });
    try {
      const account = await aws.getAccount(ctx);
      process.stderr.write(`${describeTarget(account, ctx.settings)}\n`);
      const result = await aws.pull(ctx, { rules: rules.length > 0 ? rules : undefined });
      text = aws.formatRemediationDocument(result.configurations, format);
      const count = result.configurations.length;
      summary = `Pulled ${count} remediation configuration${count === 1 ? '' : 's'} of ${result.ruleNames.length} rule${result.ruleNames.length === 1 ? '' : 's'}`;
      if (result.withoutRemediation.length > 0) {
        summary += `; without one: ${result.withoutRemediation.slice(0, 10).join(', ')}${result.withoutRemediation.length > 10 ? `, and ${result.withoutRemediation.length - 10} more` : ''}`;
      }
    } finally {
      ctx.close();
    }
  } catch (error) {
    throw asUserError(aws, error);
  }

  if (values.output) {
    try {
      await fs.writeFile(values.output, text, 'utf8');
    } catch (error) {
      throw new UserError(`${values.output}: ${describeIoError(error)}`);
    }
    process.stderr.write(`${summary}; written to ${values.output}.\n`);
  } else {
    process.stdout.write(text);
    process.stderr.write(`${summary}.\n`);
  }
  return EXIT.ok;
}

function pickFormat(format: string | undefined, output: string | undefined): DocumentFormat {
  if (format !== undefined) {
    if (format !== 'json' && format !== 'yaml') {
      throw new UserError(`--format must be "json" or "yaml", not "${format}".`);
    }
    return format;
  }
  return output && /\.ya?ml$/i.test(output) ? 'yaml' : 'json';
}
