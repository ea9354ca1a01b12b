/**
 * Incremental validation: the findings of `scope: 'configuration'` rules are kept per
 * configuration and reused while the configuration is unchanged, so an edit re-checks one
 * configuration, not thousands.
 *
 * A validation is split into parts whose union is exactly a full validation:
 * - each configuration, checked alone by the configuration rules (or taken from the cache);
 * - the rest of the document (root, list, items that are not objects) with the configuration
 *   rules, plus the parser's problems;
 * - the document rules (those comparing configurations), on the whole document, every time.
 * Problems are then sorted in the engine's total order. test/unit/incremental.test.ts checks
 * the result against a full validation after hundreds of random edits.
 *
 * A configuration is "unchanged" when it is the same node object (incremental parsing keeps the
 * nodes of configurations an edit did not touch, only moving them) or, after a full parse, has
 * the same text from the start of its first line.
 */
import type { AstNode, ObjectNode } from '../ast';
import {
  collectShapedNodes,
  findConfigurations,
  type Configuration,
  type EntryPoint,
} from '../documentModel';
import { INTERNAL_ERROR_RULE_ID } from '../rules';
import type { Problem, RuleDefinition } from '../rules/types';
import { compareProblems, validateDocument, type ValidationInput } from '../validate';
import { textSlice } from './textSource';

interface CachedFindings {
  /** Where the configuration started when the findings were made. */
  offset: number;
  problems: Problem[];
  /** The configuration's text from the start of its first line (a detached copy). */
  key?: string;
}

/** What findings depend on besides the configuration itself. */
interface Epoch {
  format: string;
  rules: ValidationInput['rules'];
  levels: ValidationInput['levels'];
  account: ValidationInput['account'];
  model: ValidationInput['model'];
}

/** Per-document memory of configuration findings. Create one per open document. */
export class ValidationCache {
  epoch: Epoch | undefined;
  byNode = new WeakMap<ObjectNode, CachedFindings>();
  byText = new Map<string, CachedFindings>();
  /** Counters for the benchmark and tests: configurations checked vs reused in the last run. */
  lastRun = { checked: 0, reused: 0 };
}

const isConfigurationRule = (rule: RuleDefinition): boolean => rule.scope === 'configuration';
const isDocumentRule = (rule: RuleDefinition): boolean => rule.scope !== 'configuration';

/**
 * Validates like `validateDocument`, reusing the findings of unchanged configurations. Falls back
 * to a full validation for documents that are not a single request (CloudFormation templates,
 * several YAML documents).
 */
export function validateIncrementally(input: ValidationInput, cache: ValidationCache): Problem[] {
  const { parsed, model } = input;
  if (input.kind !== 'request' || input.scope) return validateDocument(input);
  const entries = input.adapter.entries(parsed, model);
  const rootEntry = entries[0];
  if (entries.length !== 1 || !rootEntry || rootEntry.location.docPath !== '') {
    return validateDocument(input);
  }
  const epoch: Epoch = {
    format: parsed.format,
    rules: input.rules,
    levels: input.levels,
    account: input.account,
    model,
  };
  const previous = cache.epoch;
  if (
    !previous ||
    previous.format !== epoch.format ||
    previous.rules !== epoch.rules ||
    previous.levels !== epoch.levels ||
    previous.account !== epoch.account ||
    previous.model !== epoch.model
  ) {
    cache.epoch = epoch;
    cache.byNode = new WeakMap();
    cache.byText = new Map();
  }

  const configurations = findConfigurations(entries);
  const configurationNodes = new Set<AstNode>(configurations.map((c) => c.node));
  const isOpaque = input.adapter.isOpaque ?? (() => false);
  const problems: Problem[] = [];

  // The rest of the document, with the configuration rules and the parser's problems.
  problems.push(
    ...validateDocument({
      ...input,
      scope: {
        runs: isConfigurationRule,
        entries,
        shaped: () =>
          collectShapedNodes(
            model,
            entries,
            (node) => configurationNodes.has(node) || isOpaque(node),
          ),
        configurations: () => [],
      },
    }),
  );

  // The document rules, on everything.
  if (input.rules.some((rule) => rule.check && isDocumentRule(rule))) {
    problems.push(
      ...validateDocument({
        ...input,
        scope: { runs: isDocumentRule, skipDocumentProblems: true, entries },
      }),
    );
  }

  // Each configuration: reuse, or check it alone.
  const location = model.configurationLocation();
  const byText = new Map<string, CachedFindings>();
  let checked = 0;
  for (const configuration of configurations) {
    const node = configuration.node;
    let findings = cache.byNode.get(node);
    if (!findings) {
      const key = keyOf(input, node);
      findings = key === undefined ? undefined : cache.byText.get(key);
      if (!findings) {
        checked++;
        findings = checkConfiguration(input, configuration, { node, location }, key);
      }
      if (!hasInternalError(findings)) cache.byNode.set(node, findings);
    }
    if (findings.key !== undefined) byText.set(findings.key, findings);
    const delta = node.offset - findings.offset;
    for (const problem of findings.problems)
      problems.push(delta === 0 ? problem : moved(problem, delta));
  }
  cache.byText = byText;
  cache.lastRun = { checked, reused: configurations.length - checked };

  problems.sort(compareProblems);
  return withoutRepeatedInternalErrors(problems);
}

function checkConfiguration(
  input: ValidationInput,
  configuration: Configuration,
  entry: EntryPoint,
  key: string | undefined,
): CachedFindings {
  const problems = validateDocument({
    ...input,
    scope: {
      runs: isConfigurationRule,
      skipDocumentProblems: true,
      entries: [entry],
      configurations: () => [configuration],
    },
  });
  const findings: CachedFindings = { offset: configuration.node.offset, problems };
  // A rule that failed is reported at offset 0, not inside the configuration: never reuse that.
  if (key !== undefined && !hasInternalError(findings)) findings.key = key;
  return findings;
}

function hasInternalError(findings: CachedFindings): boolean {
  return findings.problems.some((problem) => problem.ruleId === INTERNAL_ERROR_RULE_ID);
}

/**
 * The text key of a configuration: its text from the start of its first line (rules may look at
 * the indentation before the first key). Undefined when the line start is far away.
 */
function keyOf(input: ValidationInput, node: ObjectNode): string | undefined {
  const parsed = input.parsed;
  const before = textSlice(parsed, Math.max(0, node.offset - 256), node.offset);
  const newline = before.lastIndexOf('\n');
  if (newline === -1 && node.offset > 256) return undefined;
  const start = node.offset - (before.length - newline - 1);
  // A copy, so that the key does not keep the whole text of this version alive.
  return ` ${textSlice(parsed, start, node.offset + node.length)}`.slice(1);
}

function moved(problem: Problem, delta: number): Problem {
  return {
    ...problem,
    offset: problem.offset + delta,
    ...(problem.fixes
      ? {
          fixes: problem.fixes.map((fix) => ({
            ...fix,
            edits: fix.edits.map((edit) => ({ ...edit, offset: edit.offset + delta })),
          })),
        }
      : {}),
  };
}

/** A failing configuration rule fails in every configuration: report it once, like a full run. */
function withoutRepeatedInternalErrors(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    if (problem.ruleId !== INTERNAL_ERROR_RULE_ID) return true;
    if (seen.has(problem.message)) return false;
    seen.add(problem.message);
    return true;
  });
}
