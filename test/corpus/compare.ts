/**
 * The corpus comparison, shared by test/cli/corpus.test.ts and scripts/corpus-report.mjs (which
 * loads the compiled out/test/corpus/compare.js): runs the built CLI on the corpus files, and
 * compares its errors and warnings with test/corpus/expected.json and known-failing.json.
 *
 * Information and hint findings never count as unexpected: they do not fail a CI run, and the
 * issue that asked for the corpus (13) counts only what people are told is wrong.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

export const CORPUS = path.join(__dirname, '..', '..', '..', 'test', 'corpus');
export const FILES = path.join(CORPUS, 'files');
const ROOT = path.join(CORPUS, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

/** A rule as the expectation names it: an id (`RC203`) or a slug, or a list of acceptable ones. */
export type RuleRef = string | string[];

export interface ExpectedFinding {
  rule: RuleRef;
  /** First line (1-based) where the finding may be reported. */
  line: number;
  /** Last line it may be reported on, for findings whose anchor is not fixed (default: line). */
  endLine?: number;
  /** The kind of problem, for grouping in the report. */
  class: string;
  /** Why it is a real problem, citing the API text, the runbook or AWS behaviour. */
  reason: string;
}

export interface Expectation {
  kind: string;
  note?: string;
  findings: ExpectedFinding[];
}

/** One listed difference: a finding the product misses, or one it reports that is not expected. */
export interface KnownDifference {
  rule: RuleRef;
  line: number;
  class: string;
}

export interface KnownFailing {
  missing?: KnownDifference[];
  unexpected?: KnownDifference[];
}

export interface Finding {
  line: number;
  severity: string;
  code: string;
  message: string;
}

export interface FileResult {
  file: string;
  /** Errors and warnings the product reported. */
  reported: Finding[];
  matched: { expected: ExpectedFinding; finding: Finding }[];
  missing: ExpectedFinding[];
  unexpected: Finding[];
}

export function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(CORPUS, name), 'utf8')) as T;
}

export function expectations(): Record<string, Expectation> {
  return readJson<{ files: Record<string, Expectation> }>('expected.json').files;
}

export function knownFailing(): Record<string, KnownFailing> {
  return readJson<{ files: Record<string, KnownFailing> }>('known-failing.json').files;
}

/** Every corpus file, relative to test/corpus/files, with `/` separators, sorted. */
export function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(FILES, full).split(path.sep).join('/'));
    }
  };
  walk(FILES);
  return out.sort();
}

/** Rule id → slug, from the `## RCnnn slug` headings of docs/rules.md. */
export function ruleSlugs(): Map<string, string> {
  const doc = readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8');
  const slugs = new Map<string, string>();
  for (const match of doc.matchAll(/^## (RC\d{3}) ([a-z0-9-]+)$/gm)) slugs.set(match[1], match[2]);
  return slugs;
}

export function ruleMatches(rule: RuleRef, code: string, slugs: Map<string, string>): boolean {
  const names = Array.isArray(rule) ? rule : [rule];
  return names.some((name) => name === code || name === slugs.get(code));
}

/** How a rule reference is shown and compared in known-failing.json. */
export function ruleKey(rule: RuleRef): string {
  return Array.isArray(rule) ? rule.join('|') : rule;
}

interface CliFile {
  path: string;
  diagnostics: Finding[];
}

/**
 * Runs `dist/cli.js check --format json` on the files (relative to test/corpus/files), a batch of
 * files per process, and returns each file's errors and warnings.
 */
export function runProduct(files: string[], batchSize = 25): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (let start = 0; start < files.length; start += batchSize) {
    const batch = files.slice(start, start + batchSize);
    const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', ...batch], {
      cwd: FILES,
      encoding: 'utf8',
      timeout: 120000,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.status !== 0 && run.status !== 1) {
      throw new Error(`check exited ${String(run.status)}: ${run.stderr}`);
    }
    const output = JSON.parse(run.stdout) as { files: CliFile[] };
    for (const file of output.files) {
      const key = file.path.split(path.sep).join('/');
      const kept = file.diagnostics.filter(
        (d) => d.severity === 'error' || d.severity === 'warning',
      );
      byFile.set(key, [...(byFile.get(key) ?? []), ...kept]);
    }
    for (const file of batch) if (!byFile.has(file)) byFile.set(file, []);
  }
  return byFile;
}

/** Pairs expected findings with reported ones (same rule, line in range), each used once. */
export function compareFile(
  file: string,
  expected: ExpectedFinding[],
  reported: Finding[],
  slugs: Map<string, string>,
): FileResult {
  const unused = [...reported];
  const matched: FileResult['matched'] = [];
  const missing: ExpectedFinding[] = [];
  for (const want of expected) {
    const last = want.endLine ?? want.line;
    const index = unused.findIndex(
      (got) => ruleMatches(want.rule, got.code, slugs) && got.line >= want.line && got.line <= last,
    );
    if (index < 0) missing.push(want);
    else matched.push({ expected: want, finding: unused.splice(index, 1)[0] });
  }
  return { file, reported, matched, missing, unexpected: unused };
}

export function compareCorpus(): FileResult[] {
  const expected = expectations();
  const files = corpusFiles();
  const reported = runProduct(files);
  const slugs = ruleSlugs();
  return files.map((file) =>
    compareFile(file, expected[file]?.findings ?? [], reported.get(file) ?? [], slugs),
  );
}

/** A difference as listed in known-failing.json (rule and line; the class is only a label). */
export function differenceKey(rule: RuleRef, line: number): string {
  return `${ruleKey(rule)}@${line}`;
}

/** Removes each key of `take` once from `from`; returns what `take` had that `from` did not. */
export function subtractOnce(from: string[], take: string[]): string[] {
  const left = [...from];
  const extra: string[] = [];
  for (const key of take) {
    const index = left.indexOf(key);
    if (index < 0) extra.push(key);
    else left.splice(index, 1);
  }
  from.splice(0, from.length, ...left);
  return extra;
}
