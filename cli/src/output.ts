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
}

export interface CliFileResult {
  path: string;
  diagnostics: CliDiagnostic[];
}

/** `--format json`: exactly {"files":[{"path","diagnostics":[...]}]}; other tools parse it. */
export function formatJson(files: readonly CliFileResult[]): string {
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
  });
}

/** `--format text`: one line per diagnostic, like a compiler: file:line:col severity RCnnn message. */
export function formatText(files: readonly CliFileResult[]): string {
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const file of files) {
    for (const d of file.diagnostics) {
      counts[d.severity]++;
      lines.push(`${file.path}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);
    }
  }
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(
    `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.information} information in ${plural(files.length, 'file')}.`,
  );
  return lines.join('\n');
}
