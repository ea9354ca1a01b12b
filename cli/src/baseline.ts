/**
 * `check --write-baseline FILE` and `check --baseline FILE`: adopt the checker in a large
 * repository without fixing everything first. A baseline lists today's findings by fingerprint;
 * with it, only new findings are reported (and count for the exit code).
 *
 * A fingerprint must survive edits elsewhere in the file (lines moving), so it holds no position:
 * the rule id, the file's path relative to the baseline, the ConfigRuleName of the configuration
 * the finding is in, and a hash of the message; identical findings are told apart by their
 * occurrence index in the file.
 */

import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type {
  ConfigurationPayload,
  Problem,
} from '../../server/src/languageService/languageService';
import { describeIoError } from './files';
import { UserError } from './errors';
import type { CliDiagnostic, CliFileResult } from './output';

export interface BaselineEntry {
  ruleId: string;
  file: string;
  configuration: string;
  fingerprint: string;
}

interface BaselineFile {
  version: 1;
  findings: BaselineEntry[];
}

/**
 * Names each diagnostic's configuration (`configuration` field; "" outside every configuration).
 * `diagnostics[i]` is `problems[i]`, as `toCliDiagnostics` makes them.
 */
export function nameConfigurations(
  diagnostics: CliDiagnostic[],
  problems: readonly Problem[],
  configurations: readonly ConfigurationPayload[],
): void {
  problems.forEach((problem, i) => {
    const inside = configurations.find(
      (c) => problem.offset >= c.offset && problem.offset <= c.offset + c.length,
    );
    const name = inside?.value.ConfigRuleName;
    diagnostics[i].configuration =
      inside === undefined ? '' : typeof name === 'string' ? name : JSON.stringify(name ?? null);
  });
}

/** The baseline's entries for these results; paths relative to the baseline's folder. */
export function baselineEntries(
  files: readonly CliFileResult[],
  baselinePath: string,
): BaselineEntry[][] {
  const base = path.dirname(path.resolve(baselinePath));
  return files.map((file) => {
    const relative = path.relative(base, path.resolve(file.path)).split(path.sep).join('/');
    const seen = new Map<string, number>();
    return file.diagnostics.map((d) => {
      const configuration = d.configuration ?? '';
      const hash = createHash('sha256')
        .update([d.code, relative, configuration, d.message].join('\0'))
        .digest('hex')
        .slice(0, 32);
      const index = seen.get(hash) ?? 0;
      seen.set(hash, index + 1);
      return { ruleId: d.code, file: relative, configuration, fingerprint: `${hash}:${index}` };
    });
  });
}

export async function writeBaseline(
  files: readonly CliFileResult[],
  baselinePath: string,
): Promise<number> {
  const findings = baselineEntries(files, baselinePath).flat();
  const content: BaselineFile = { version: 1, findings };
  try {
    await fs.writeFile(baselinePath, `${JSON.stringify(content, null, 2)}\n`);
  } catch (error) {
    throw new UserError(`cannot write the baseline ${baselinePath}: ${describeIoError(error)}`);
  }
  return findings.length;
}

export async function readBaseline(baselinePath: string): Promise<Set<string>> {
  let text: string;
  try {
    text = await fs.readFile(baselinePath, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read the baseline ${baselinePath}: ${describeIoError(error)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  const findings = (data as Partial<BaselineFile> | undefined)?.findings;
  if ((data as Partial<BaselineFile> | undefined)?.version !== 1 || !Array.isArray(findings)) {
    throw new UserError(
      `${baselinePath} is not a baseline (write one with check --write-baseline ${baselinePath}).`,
    );
  }
  return new Set(
    findings
      .map((entry: Partial<BaselineEntry>) => entry?.fingerprint)
      .filter((f): f is string => typeof f === 'string'),
  );
}

/** Removes the baselined findings; returns the remaining results and how many were removed. */
export function applyBaseline(
  files: readonly CliFileResult[],
  baselinePath: string,
  known: ReadonlySet<string>,
): { files: CliFileResult[]; baselined: number } {
  const entries = baselineEntries(files, baselinePath);
  let baselined = 0;
  const kept = files.map((file, i) => ({
    ...file,
    diagnostics: file.diagnostics.filter((_, j) => {
      const hidden = known.has(entries[i][j].fingerprint);
      if (hidden) baselined++;
      return !hidden;
    }),
  }));
  return { files: kept, baselined };
}
