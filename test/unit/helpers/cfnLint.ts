import { spawnSync } from 'node:child_process';

/** One finding of `cfn-lint --format json`. */
export interface CfnLintFinding {
  Filename: string;
  Level: string;
  Message: string;
  Rule: { Id: string };
  Location: {
    Path: (string | number)[];
    Start: { LineNumber: number; ColumnNumber: number };
  };
}

/**
 * Runs cfn-lint on files (one process: it takes seconds to start). Undefined when cfn-lint is not
 * installed, so that tests can skip with a clear message; any other failure throws.
 */
export function runCfnLint(files: readonly string[]): CfnLintFinding[] | undefined {
  const result = spawnSync('cfn-lint', ['--format', 'json', '--', ...files], {
    encoding: 'utf8',
    timeout: 170_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return undefined;
  if (result.error) throw result.error;
  // Exit status is a bit mask of the levels found (2 error, 4 warning, 8 informational); 1 is a crash.
  if (result.status === 1 || result.status === null) {
    throw new Error(`cfn-lint failed (${String(result.status)}): ${result.stderr}`);
  }
  return JSON.parse(result.stdout || '[]') as CfnLintFinding[];
}

export const CFN_LINT_MISSING =
  'cfn-lint is not installed (pip install cfn-lint): the comparison with cfn-lint is skipped.';
