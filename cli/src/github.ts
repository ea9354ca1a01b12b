/**
 * `check --format github`: GitHub Actions workflow commands, one `::error|warning|notice` line
 * per finding, which the runner turns into annotations on the pull request's files.
 */

import type { Severity } from '../../server/src/languageService/languageService';
import { summaryLine, type CliFileResult } from './output';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  information: 'notice',
  hint: 'notice',
};

/** The escaping of the runner (@actions/core `escapeData`): a message is one line. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also end at `,` and `:` (@actions/core `escapeProperty`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(files: readonly CliFileResult[], baselined?: number): string {
  const lines: string[] = [];
  for (const file of files) {
    for (const d of file.diagnostics) {
      const properties = [
        `file=${escapeProperty(file.path.replace(/\\/g, '/'))}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `endLine=${d.endLine}`,
        `endColumn=${d.endColumn}`,
        `title=${escapeProperty(d.code)}`,
      ].join(',');
      lines.push(`::${COMMAND[d.severity]} ${properties}::${escapeData(d.message)}`);
    }
  }
  // The summary line of the text format: a plain line in the job's log.
  lines.push(summaryLine(files, baselined));
  return lines.join('\n');
}
