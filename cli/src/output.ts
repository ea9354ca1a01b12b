import type { Severity } from '../../server/src/languageService/languageService';

/** One diagnostic in the CLI's JSON contract: 1-based lines and columns. */
export interface CliDiagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
  /** The ConfigRuleName of the configuration it is in (for baselines only; not in the JSON). */
  configuration?: string;
}

export interface CliFileResult {
  path: string;
  diagnostics: CliDiagnostic[];
}

/**
 * `--format json`: exactly {"files":[{"path","diagnostics":[...]}]}; other tools parse it. With
 * `--baseline`, a last member `"baselined"` counts the findings the baseline hid.
 */
export function formatJson(files: readonly CliFileResult[], baselined?: number): string {
  return JSON.stringify({
    files: files.map((file) => ({
      path: file.path,
      diagnostics: file.diagnostics.map((d) => ({
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
        severity: d.severity,
        code: d.code,
        message: d.message,
      })),
    })),
    ...(baselined === undefined ? {} : { baselined }),
  });
}

/** `--format text`: one line per diagnostic, like a compiler: file:line:col severity RCnnn message. */
export function formatText(files: readonly CliFileResult[], baselined?: number): string {
  const lines: string[] = [];
  for (const file of files) {
    for (const d of file.diagnostics) {
      lines.push(`${file.path}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);
    }
  }
  lines.push(summaryLine(files, baselined));
  return lines.join('\n');
}

/**
 * `3 errors, 1 warning, 0 information in 2 files.`; with `--baseline`, how many findings the
 * baseline hid is added: `… in 2 files (5 baselined).`
 */
export function summaryLine(files: readonly CliFileResult[], baselined?: number): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const file of files) for (const d of file.diagnostics) counts[d.severity]++;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const hidden = baselined === undefined ? '' : ` (${baselined} baselined)`;
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.information} information in ${plural(files.length, 'file')}${hidden}.`;
}
