import { promises as fs } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  documentFormat,
  levelFor,
  type LanguageService,
  type ParsedDocument,
  type Problem,
  type RuleLevels,
} from '../../server/src/languageService/languageService';
import type { AccountFacts } from '../../common/src/accountFacts';
import { nameConfigurations } from './baseline';
import { collectFiles, describeIoError } from './files';
import type { CliDiagnostic, CliFileResult } from './output';

export interface CheckOptions {
  service: LanguageService;
  levels?: RuleLevels;
  /** Rule levels for a file, e.g. from a config file next to it; overrides `levels`. */
  levelsFor?: (path: string) => Promise<RuleLevels | undefined>;
  account?: AccountFacts;
  include?: readonly string[];
  /** Name each diagnostic's configuration (`CliDiagnostic.configuration`), for baselines. */
  nameConfigurations?: boolean;
  /** False (`--no-inline-config`): ignore suppression comments and template Metadata. */
  inlineConfig?: boolean;
}

export interface CheckResult {
  files: CliFileResult[];
  /** Paths that could not be checked, one message each. */
  ioErrors: string[];
}

/** Checks files and folders; unrelated JSON/YAML files in folders are skipped silently. */
export async function checkPaths(
  inputs: readonly string[],
  options: CheckOptions,
): Promise<CheckResult> {
  const walk = await collectFiles(inputs);
  const result: CheckResult = { files: [], ioErrors: [...walk.errors] };
  for (const target of walk.targets) {
    let buffer: Buffer;
    try {
      buffer = await fs.readFile(target.path);
    } catch (error) {
      result.ioErrors.push(`${target.path}: ${describeIoError(error)}`);
      continue;
    }
    if (looksBinary(buffer)) {
      if (target.explicit) result.ioErrors.push(`${target.path}: binary file, not JSON or YAML`);
      continue;
    }
    const text = buffer.toString('utf8');
    const format = documentFormat(target.path, text);
    const checked = await checkText(target.path, text, format, target.explicit, options);
    if (checked) result.files.push(checked);
  }
  return result;
}

/**
 * Checks one text; undefined when it is not a recognised file found by walking a folder. A file
 * named on the command line is recognised the same way: when it is not ours it gets one RC007
 * (information) instead of being checked as a request.
 */
export async function checkText(
  path: string,
  text: string,
  format: 'json' | 'jsonc' | 'yaml',
  explicit: boolean,
  options: CheckOptions,
): Promise<CliFileResult | undefined> {
  const { service } = options;
  let parsed: ReturnType<LanguageService['parse']> | undefined;
  const parse = (): ReturnType<LanguageService['parse']> =>
    (parsed ??= service.parse(text, format));
  const recognition = service.recognise(path, text, parse, options.include);
  if (!recognition && !explicit) return undefined;
  const levels = (await options.levelsFor?.(path)) ?? options.levels;
  if (!recognition) {
    const skipped = fileProblem(
      service,
      levels,
      'RC007',
      'Not a remediation request (no "RemediationConfigurations", not a list of configurations) nor a CloudFormation template with AWS::Config::RemediationConfiguration resources: skipped. Name it *.remediation.json|yaml to check it as a request.',
    );
    return { path, diagnostics: toCliDiagnostics(text, skipped ? [skipped] : []) };
  }
  const document = parse();
  const problems = service.validate(document, recognition.kind, {
    levels,
    account: options.account,
    inlineConfig: options.inlineConfig,
  });
  if (recognition.kind === 'request' && isEmpty(document)) {
    // The editor stays quiet on a new empty file; a check (in CI) must not pass one: the AWS CLI
    // rejects an empty request file.
    const empty = fileProblem(
      service,
      levels,
      'RC100',
      'The file is empty: the request is missing the required member "RemediationConfigurations" (the AWS CLI rejects an empty file).',
    );
    if (empty) problems.unshift(empty);
  }
  const diagnostics = toCliDiagnostics(text, problems);
  if (options.nameConfigurations) {
    nameConfigurations(diagnostics, problems, service.configurations(document, recognition.kind));
  }
  return { path, diagnostics };
}

/** Nothing but whitespace and comments, and no syntax problem. */
function isEmpty(parsed: ParsedDocument): boolean {
  return parsed.problems.length === 0 && parsed.roots.every((root) => root === undefined);
}

/** A problem about the file as a whole (at its start) of rule `ruleId`, unless the rule is off. */
function fileProblem(
  service: LanguageService,
  levels: RuleLevels | undefined,
  ruleId: string,
  message: string,
): Problem | undefined {
  const rule = service.rules.find((candidate) => candidate.id === ruleId);
  const level = rule ? levelFor(rule, levels) : 'information';
  if (level === 'off') return undefined;
  return { ruleId, severity: level, offset: 0, length: 0, message };
}

export function toCliDiagnostics(text: string, problems: readonly Problem[]): CliDiagnostic[] {
  const document = TextDocument.create('file:///check', 'plaintext', 1, text);
  return problems.map((problem) => {
    const start = document.positionAt(problem.offset);
    const end = document.positionAt(problem.offset + problem.length);
    return {
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      severity: problem.severity,
      code: problem.ruleId,
      message: problem.message,
    };
  });
}

/** A NUL byte in the first 8 KB: the file is binary (JSON and YAML text never contain one). */
function looksBinary(buffer: Buffer): boolean {
  return buffer.subarray(0, 8192).includes(0);
}
