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
 * A configuration is "unchanged" when it is the same node object at the same place in the list
 * (incremental parsing keeps the nodes of configurations an edit did not touch, only moving them)
 * or, after a full parse of a sound document, has the same text from the start of its first line.
 * Document-wide facts that quick fixes use (indentation unit, line ends) are part of the cache's
 * key: when they change, everything is checked again.
 *
 * In a large file the cost is in touching memory: on the benchmark VM, reading one field of each
 * of 5000 configuration nodes takes about 1 ms. So unchanged configurations are recognised by
 * comparing pointers, and only configurations with findings are read (to move their offsets).
 */
import type { ArrayNode, ObjectNode, ParsedDocument, ValueNode } from '../model/ast';
import { collectShapedNodes, type EntryPoint, type ShapedNode } from '../model/document';
import { CONFIGURATIONS_KEY, configurationsProperty, type Configuration } from '../model/layout';
import { INTERNAL_ERROR_RULE_ID } from '../rules';
import type { RuleDefinition } from '../rules/types';
import type { Problem } from '../model/problem';
import {
  compareProblems,
  documentProblems,
  runRules,
  scopeOf,
  validateDocument,
  type ValidationInput,
} from '../validate/validate';
import { documentIndentUnit } from '../completion/window';
import { isSelfContained } from './reparse';
import { documentHasCrlf, textSlice } from '../model/text';

interface CachedFindings {
  /** Where the configuration started when the findings were made. */
  offset: number;
  problems: readonly Problem[];
  /** The configuration's text from the start of its first line (see `copyKeys`). */
  key?: string;
}

/** What findings depend on besides the configuration itself. */
interface Epoch {
  format: string;
  rules: ValidationInput['rules'];
  levels: ValidationInput['levels'];
  account: ValidationInput['account'];
  model: ValidationInput['model'];
  /**
   * Facts of the whole document that quick fixes depend on: the indentation unit and the line
   * ends (configuration rules read them to write their edits, see edits/edits.ts).
   */
  style: string;
}

/** Per-document memory of configuration findings. Create one per open document. */
export class ValidationCache {
  epoch: Epoch | undefined;
  /** The list node at the last validation (incremental parsing keeps the node, moving it). */
  list: ArrayNode | undefined;
  /** The list's items at the last validation, and per item its configuration and findings. */
  nodes: ValueNode[] = [];
  configurationAt: (Configuration | undefined)[] = [];
  findings: (CachedFindings | undefined)[] = [];
  /** Items whose findings are not empty. */
  withProblems = new Set<number>();
  /** Items to check again even if unchanged (a rule failed on them). */
  recheck = new Set<number>();
  configurations: Configuration[] = [];
  /**
   * RuleContext.memo values per key, by configuration index: valid while `owners[i]` is that
   * configuration (an unchanged configuration keeps its Configuration object).
   */
  memos = new Map<string, { owners: Configuration[]; values: unknown[] }>();
  byText = new Map<string, CachedFindings>();
  /** Counters for the benchmark and tests: configurations checked vs reused in the last run. */
  lastRun = { checked: 0, reused: 0 };
}

const NO_PROBLEMS: readonly Problem[] = [];

const isConfigurationRule = (rule: RuleDefinition): boolean => rule.scope === 'configuration';
const isDocumentRule = (rule: RuleDefinition): boolean => rule.scope !== 'configuration';

/**
 * Validates like `validateDocument`, reusing the findings of unchanged configurations. Falls back
 * to a full validation for documents that are not a single request (CloudFormation templates,
 * several YAML documents).
 */
export function validateIncrementally(input: ValidationInput, cache: ValidationCache): Problem[] {
  const { parsed, model } = input;
  if (input.kind !== 'request') return validateDocument(input);
  const entries = input.adapter.entries(parsed, model);
  const rootEntry = entries[0];
  const listProperty = configurationsProperty(rootEntry?.node);
  const list = listProperty?.valueNode;
  const listLocation = rootEntry ? model.member(rootEntry.location, CONFIGURATIONS_KEY) : undefined;
  if (
    entries.length !== 1 ||
    rootEntry?.location.docPath !== '' ||
    list?.type !== 'array' ||
    listLocation?.shape.type !== 'list'
  ) {
    return validateDocument(input);
  }
  resetOnNewEpoch(input, cache);
  const changed = updateItems(cache, list);
  const { configurations } = cache;
  parsed.configurations = configurations;

  const isOpaque = input.adapter.isOpaque ?? (() => false);
  const problems: Problem[] = [];

  // The rest of the document, with the configuration rules and the parser's problems. Its nodes
  // are those of a full walk without the configurations, found without visiting every item.
  const itemLocation = model.listItem(listLocation);
  const restShaped = (): ShapedNode[] => {
    const shaped = collectShapedNodes(model, entries, (node) => node === list || isOpaque(node));
    if (isOpaque(list)) return shaped;
    shaped.push({ node: list, location: listLocation, property: listProperty });
    list.items.forEach((item, index) => {
      if (itemLocation && !cache.configurationAt[index]) {
        shaped.push(
          ...collectShapedNodes(model, [{ node: item, location: itemLocation }], isOpaque),
        );
      }
    });
    return shaped;
  };
  const configurationRules = input.rules.filter(isConfigurationRule);
  problems.push(...documentProblems(input));
  problems.push(
    ...runRules(input, configurationRules, {
      ...scopeOf(input, entries, () => []),
      shaped: restShaped,
    }),
  );

  // The document rules, on everything.
  const documentRules = input.rules.filter(isDocumentRule);
  if (documentRules.some((rule) => rule.check)) {
    problems.push(
      ...runRules(input, documentRules, {
        ...scopeOf(input, entries, () => configurations),
        memo: (configuration, key, compute) => {
          let table = cache.memos.get(key);
          if (!table) cache.memos.set(key, (table = { owners: [], values: [] }));
          const index = configuration.index;
          if (table.owners[index] === configuration) {
            return table.values[index] as ReturnType<typeof compute>;
          }
          const value = compute();
          table.owners[index] = configuration;
          table.values[index] = value;
          return value;
        },
      }),
    );
  }

  // The configurations the edit changed: reuse findings for the same text, or check them alone.
  // Same text means same nodes only where nothing outside a configuration shapes it: without
  // syntax errors (a broken line can change how the next configuration reads) and YAML aliases.
  const textKeys = isSelfContained(parsed);
  // With no keys kept (the document was just opened, or the settings changed), the keys may be
  // slices of this text rather than copies: copying every configuration's text made a second
  // copy of the document on open. At most one version is kept this way: the keys of later
  // versions are copies, and this cache forgets every key when it starts again.
  const copyKeys = cache.byText.size > 0;
  const location = model.configurationLocation();
  let checked = 0;
  for (const index of changed) {
    const configuration = cache.configurationAt[index];
    if (!configuration) continue;
    const node = configuration.node;
    const key = textKeys ? keyOf(parsed, node, copyKeys) : undefined;
    let findings = key === undefined ? undefined : cache.byText.get(key);
    if (!findings) {
      checked++;
      findings = checkConfiguration(
        input,
        configurationRules,
        configuration,
        { node, location },
        key,
      );
      if (findings.key !== undefined) cache.byText.set(findings.key, findings);
    }
    record(cache, index, findings);
  }
  // Every configuration's findings, moved to where the configuration is now.
  for (const index of cache.withProblems) {
    const findings = cache.findings[index];
    const configuration = cache.configurationAt[index];
    if (!findings || !configuration) continue;
    const delta = configuration.node.offset - findings.offset;
    for (const problem of findings.problems) {
      problems.push(delta === 0 ? problem : moved(problem, delta));
    }
  }
  cache.lastRun = { checked, reused: configurations.length - checked };
  pruneTextCache(cache, configurations.length);

  problems.sort(compareProblems);
  return withoutRepeatedInternalErrors(problems);
}

/**
 * Brings the per-item state up to the list's items: items that are the same node at the same
 * place keep theirs (a comparison of pointers, no node is read). Returns the changed indexes.
 */
function updateItems(cache: ValidationCache, list: ArrayNode): number[] {
  const items = list.items;
  const aligned = cache.list === list && cache.nodes.length === items.length;
  const changed: number[] = [];
  if (!aligned) {
    cache.list = list;
    cache.nodes = [];
    cache.configurationAt = [];
    cache.findings = [];
    cache.withProblems = new Set();
    cache.memos = new Map();
    for (let i = 0; i < items.length; i++) changed.push(i);
  } else {
    const nodes = cache.nodes;
    for (let i = 0; i < items.length; i++) {
      if (nodes[i] !== items[i] || cache.recheck.has(i)) changed.push(i);
    }
  }
  cache.recheck = new Set();
  let structural = !aligned;
  for (const index of changed) {
    const node = items[index] as ValueNode;
    const was = cache.configurationAt[index];
    cache.nodes[index] = node;
    cache.findings[index] = undefined;
    cache.withProblems.delete(index);
    if (node.type === 'object') {
      if (!was) structural = true;
      cache.configurationAt[index] = { node, index: was?.index ?? -1 };
    } else {
      if (was) structural = true;
      cache.configurationAt[index] = undefined;
    }
  }
  if (structural) {
    // Number the configurations again (an item became or stopped being an object).
    const configurations: Configuration[] = [];
    for (let i = 0; i < items.length; i++) {
      const configuration = cache.configurationAt[i];
      if (!configuration) continue;
      if (configuration.index !== configurations.length) {
        cache.configurationAt[i] = { node: configuration.node, index: configurations.length };
      }
      configurations.push(cache.configurationAt[i] as Configuration);
    }
    cache.configurations = configurations;
  } else if (changed.length > 0) {
    const configurations = cache.configurations.slice();
    for (const index of changed) {
      const configuration = cache.configurationAt[index];
      if (configuration) configurations[configuration.index] = configuration;
    }
    cache.configurations = configurations;
  }
  return changed;
}

function resetOnNewEpoch(input: ValidationInput, cache: ValidationCache): void {
  const epoch: Epoch = {
    format: input.parsed.format,
    rules: input.rules,
    levels: input.levels,
    account: input.account,
    model: input.model,
    style: `${documentIndentUnit(input.parsed)}${documentHasCrlf(input.parsed) ? '/crlf' : ''}`,
  };
  const previous = cache.epoch;
  if (
    previous &&
    previous.format === epoch.format &&
    previous.rules === epoch.rules &&
    previous.levels === epoch.levels &&
    previous.account === epoch.account &&
    previous.model === epoch.model &&
    previous.style === epoch.style
  ) {
    return;
  }
  cache.epoch = epoch;
  cache.list = undefined;
  cache.memos = new Map();
  cache.byText = new Map();
}

/** Keeps the text cache to about the configurations in use (it also serves undo after a full parse). */
function pruneTextCache(cache: ValidationCache, configurations: number): void {
  if (cache.byText.size <= 2 * configurations + 64) return;
  const kept = new Map<string, CachedFindings>();
  for (const findings of cache.findings) {
    if (findings?.key !== undefined) kept.set(findings.key, findings);
  }
  cache.byText = kept;
}

function record(cache: ValidationCache, index: number, findings: CachedFindings): void {
  cache.findings[index] = findings;
  if (findings.problems.length > 0) cache.withProblems.add(index);
  // A rule failed: check again next time.
  if (hasInternalError(findings)) cache.recheck.add(index);
}

function checkConfiguration(
  input: ValidationInput,
  rules: readonly RuleDefinition[],
  configuration: Configuration,
  entry: EntryPoint,
  key: string | undefined,
): CachedFindings {
  const problems = runRules(
    input,
    rules,
    scopeOf(input, [entry], () => [configuration]),
  );
  problems.sort(compareProblems);
  const findings: CachedFindings = {
    offset: configuration.node.offset,
    // Most configurations have no finding: they share one empty list (never modified).
    problems: problems.length > 0 ? problems : NO_PROBLEMS,
  };
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
function keyOf(parsed: ParsedDocument, node: ObjectNode, copy: boolean): string | undefined {
  const before = textSlice(parsed, Math.max(0, node.offset - 256), node.offset);
  const newline = before.lastIndexOf('\n');
  if (newline === -1 && node.offset > 256) return undefined;
  const start = node.offset - (before.length - newline - 1);
  const key = textSlice(parsed, start, node.offset + node.length);
  // A copy, so that the key does not keep the whole text of this version alive.
  return copy ? ` ${key}`.slice(1) : key;
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
