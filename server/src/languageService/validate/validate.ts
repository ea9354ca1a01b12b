import type { ApiModel } from '../model/apiModel';
import type { AstNode, ParsedDocument } from '../model/ast';
import type { AccountFacts } from '../../../../common/src/accountFacts';
import {
  collectShapedNodes,
  type DocumentKind,
  type EntryPoint,
  type KindAdapter,
  type ShapedNode,
} from '../model/document';
import { findConfigurations, type Configuration } from '../model/layout';
import { INTERNAL_ERROR_RULE_ID } from '../rules';
import type { RuleContext, RuleDefinition } from '../rules/types';
import type { Problem, Severity } from '../model/problem';
import type { RunbookCatalog } from '../model/catalog';
import { levelFor, type RuleLevels } from '../rules/levels';
import { SYNTAX_RULE_IDS } from '../parser/syntaxRuleIds';
import { textLength as documentLength } from '../model/text';
import { textFacts } from '../model/textFacts';

/** One function for every document without opaque values, so that per-node caches can match it. */
const NEVER_OPAQUE = (_node: AstNode): boolean => false;

export interface ValidationInput {
  parsed: ParsedDocument;
  kind: DocumentKind;
  adapter: KindAdapter;
  model: ApiModel;
  catalog: RunbookCatalog;
  resourceTypes: ReadonlySet<string>;
  rules: readonly RuleDefinition[];
  levels?: RuleLevels;
  account?: AccountFacts;
}

/**
 * The nodes one run of the rules looks at: the whole document (`documentScope`), or a part of it
 * (incremental/validation.ts runs the rules per configuration and on the rest).
 */
export interface RuleScope {
  entries: readonly EntryPoint[];
  /** Every node below the entries with its shape; asked for at most once per run. */
  shaped(): ShapedNode[];
  /** The configurations below the entries; asked for at most once per run. */
  configurations(): Configuration[];
  memo: RuleContext['memo'];
}

/**
 * The order of problems: by offset, then rule, then length and message, so that the result does
 * not depend on the order rules ran in (incremental validation must equal a full one).
 */
export function compareProblems(a: Problem, b: Problem): number {
  return (
    a.offset - b.offset ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    a.length - b.length ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/**
 * Runs the parser's problems and every enabled rule on the whole document. A rule that throws is
 * reported once as an internal error naming it; the other rules still run. Never throws.
 */
export function validateDocument(input: ValidationInput): Problem[] {
  const entries = input.adapter.entries(input.parsed, input.model);
  const problems = [
    ...documentProblems(input),
    ...runRules(input, input.rules, scopeOf(input, entries)),
  ];
  problems.sort(compareProblems);
  return problems;
}

/**
 * One error per fault in YAML: a rule's finding on the line of a syntax error, after it, follows
 * from that error (a tab used for indentation makes the rest of the line a key of the wrong
 * mapping, "Unknown member" then), and is left out. Syntax and engine problems (RC0xx) stay. A
 * function of the final problems and the text, so that incremental and full validation agree.
 */
export function withoutSyntaxConsequences(problems: Problem[], parsed: ParsedDocument): Problem[] {
  if (parsed.format !== 'yaml') return problems;
  let faultAt: Map<number, number> | undefined;
  for (const problem of problems) {
    if (problem.ruleId !== SYNTAX_RULE_IDS.syntax) continue;
    faultAt ??= new Map();
    const line = textFacts(parsed.text).lineStartOf(problem.offset);
    const first = faultAt.get(line);
    if (first === undefined || problem.offset < first) faultAt.set(line, problem.offset);
  }
  if (!faultAt) return problems;
  const facts = textFacts(parsed.text);
  const faults = faultAt;
  return problems.filter((problem) => {
    if (problem.ruleId.startsWith('RC0')) return true;
    const fault = faults.get(facts.lineStartOf(problem.offset));
    return fault === undefined || problem.offset < fault;
  });
}

/** The longest YAML text `withoutTabConsequences` checks again (characters). */
const TAB_RECHECK_MAX_LENGTH = 128 * 1024;

/**
 * A tab in the indentation of a YAML line does more than break that line: the yaml package
 * reads the line, and the lines after it in its block, as keys of another mapping (the root),
 * so the configuration it was written in looks cut short there. A rule's finding that follows
 * from that other structure ("missing the required member TargetId" when TargetId is the tab's
 * line) is a consequence of the tab, not a finding about the file. Which findings are: the
 * document is checked again (`recheck`) with each tab-indented line indented as its neighbours
 * suggest (the previous line's key column, one unit deeper after a line that opens a block);
 * a rule's finding that this check does not give too is left out. Findings that stay whatever
 * the line means (a manual remediation without AutomationAssumeRole) stay. Only ever drops; the
 * repaired text's own findings are never added. A function of the final problems and the text,
 * like `withoutSyntaxConsequences`, so incremental and full validation agree.
 */
export function withoutTabConsequences(
  problems: Problem[],
  parsed: ParsedDocument,
  recheck: (text: string) => readonly Problem[],
): Problem[] {
  if (parsed.format !== 'yaml') return problems;
  const text = parsed.text;
  const tabLines = new Set<number>();
  for (const problem of problems) {
    if (problem.ruleId !== SYNTAX_RULE_IDS.syntax || text[problem.offset] !== '\t') continue;
    const lineStart = text.lastIndexOf('\n', problem.offset - 1) + 1;
    // A tab in the indentation of a line with content (blank lines mean nothing).
    const blank = /^[ \t]*(?:\r?\n|$)/.test(text.slice(problem.offset, problem.offset + 200));
    if (!blank && /^[ \t]*$/.test(text.slice(lineStart, problem.offset))) tabLines.add(lineStart);
  }
  if (tabLines.size === 0 || !problems.some((p) => !p.ruleId.startsWith('RC0'))) return problems;
  // The check again costs a full parse and check on every validation while the tab is there:
  // above this size (about 200 configurations) the consequences stay, as the price of typing speed.
  if (text.length > TAB_RECHECK_MAX_LENGTH) return problems;
  const repaired = repairTabIndentation(
    text,
    [...tabLines].sort((a, b) => a - b),
  );
  const rechecked = new Set(
    recheck(repaired.text).map((p) => `${p.ruleId}|${p.offset}|${p.length}|${p.message}`),
  );
  return problems.filter(
    (problem) =>
      problem.ruleId.startsWith('RC0') ||
      rechecked.has(
        `${problem.ruleId}|${repaired.map(problem.offset)}|${problem.length}|${problem.message}`,
      ),
  );
}

/**
 * The text with the indentation of each line in `lineStarts` (ascending) replaced by spaces, and
 * the map from an offset of the text to the same character in the repaired one.
 */
function repairTabIndentation(
  text: string,
  lineStarts: readonly number[],
): { text: string; map: (offset: number) => number } {
  // Where each repaired line's indentation ends, in the text and the shift after it: ascending,
  // so that an offset maps by binary search (a file indented with tabs throughout has a repaired
  // line per line, and a finding per configuration).
  const ends: number[] = [];
  const shifts: number[] = [];
  let out = '';
  let copied = 0;
  let shift = 0;
  for (const lineStart of lineStarts) {
    const indentEnd =
      lineStart + (/^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))?.[0].length ?? 0);
    out += text.slice(copied, lineStart);
    // Read from the repaired text: the lines above are already free of tabs.
    const indentation = ' '.repeat(intendedIndentation(out));
    out += indentation;
    copied = indentEnd;
    shift += indentation.length - (indentEnd - lineStart);
    ends.push(indentEnd);
    shifts.push(shift);
  }
  out += text.slice(copied);
  return {
    text: out,
    map: (offset) => {
      let low = 0;
      let high = ends.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((ends[middle] as number) <= offset) low = middle + 1;
        else high = middle;
      }
      return offset + (low === 0 ? 0 : (shifts[low - 1] as number));
    },
  };
}

/**
 * The indentation a tab-indented line most likely means, from the repaired text before it: the
 * key column of the nearest line above with content (after a list item's dash), one level deeper
 * when that line opens a block (ends with a colon). The level is two spaces deeper.
 */
function intendedIndentation(before: string): number {
  let end = before.length - 1;
  while (end > 0) {
    const start = before.lastIndexOf('\n', end - 1) + 1;
    const line = before.slice(start, end).replace(/\r$/, '');
    end = start - 1;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const column = /^[ ]*(?:- +)*/.exec(line)?.[0].length ?? 0;
    return /:\s*(#.*)?$/.test(line) ? column + 2 : column;
  }
  return 0;
}

/** The problems of the document as a whole: the parser's, and the extra YAML documents. */
export function documentProblems(input: ValidationInput): Problem[] {
  const { parsed } = input;
  const report = new Reporter(input);
  for (const problem of parsed.problems) {
    const rule = report.rule(problem.ruleId);
    report.push(
      rule,
      problem.ruleId,
      problem.offset,
      problem.length,
      problem.message,
      rule?.severity ?? 'error',
    );
  }
  reportExtraYamlDocuments(parsed, (offset, length, message) => {
    const rule = report.rule(SYNTAX_RULE_IDS.multipleDocuments);
    report.push(
      rule,
      SYNTAX_RULE_IDS.multipleDocuments,
      offset,
      length,
      message,
      rule?.severity ?? 'error',
    );
  });
  return report.problems;
}

/**
 * The scope of entry points: every node below them, and their configurations (unless given).
 * Shapes are paired only when a rule asks.
 */
export function scopeOf(
  input: ValidationInput,
  entries: readonly EntryPoint[],
  configurations: () => Configuration[] = () => findConfigurations(entries),
): RuleScope {
  return {
    entries,
    shaped: () => collectShapedNodes(input.model, entries, input.adapter.isOpaque ?? NEVER_OPAQUE),
    configurations,
    memo: NO_MEMO,
  };
}

const NO_MEMO: RuleContext['memo'] = (_configuration, _key, compute) => compute();

/**
 * Runs `rules` (those that are enabled and have a check) on a scope, unsorted. A rule that throws
 * is reported as an internal error naming it; the other rules still run.
 *
 * Opening a large file runs this once per configuration (incremental/validation.ts), thousands
 * of times: what does not depend on the scope (which rules are on, the text's length) is found
 * once per rule list and levels, and one context serves every rule of a run.
 */
export function runRules(
  input: ValidationInput,
  rules: readonly RuleDefinition[],
  scope: RuleScope,
): Problem[] {
  const report = new Reporter(input);
  const context = new Context(input, scope, report);
  const on = enabledRules(rules, input.levels);
  for (let i = 0; i < on.length; i++) {
    const rule = on[i] as RuleDefinition;
    context.rule = rule;
    try {
      rule.check?.(context);
    } catch (error) {
      report.push(
        report.rule(INTERNAL_ERROR_RULE_ID),
        INTERNAL_ERROR_RULE_ID,
        0,
        0,
        `Internal error in rule ${rule.id} (${rule.slug}): ${(error as Error)?.message ?? String(error)}. The other rules still ran; please report this.`,
        'error',
      );
    }
  }
  return report.problems;
}

/** The rules of a list that have a check and are not off, per list and levels (the last asked). */
const enabled = new WeakMap<
  readonly RuleDefinition[],
  { levels: RuleLevels | undefined; rules: readonly RuleDefinition[] }
>();

function enabledRules(
  rules: readonly RuleDefinition[],
  levels: RuleLevels | undefined,
): readonly RuleDefinition[] {
  const known = enabled.get(rules);
  if (known && known.levels === levels) return known.rules;
  const on = rules.filter((rule) => rule.check && levelFor(rule, levels) !== 'off');
  enabled.set(rules, { levels, rules: on });
  return on;
}

/**
 * The context of one run, for each of its rules in turn (`rule`). A class, not an object literal
 * with getters: a run of the configuration rules happens once per configuration (thousands when a
 * large file is opened), and literals with accessors are slow to create.
 */
class Context implements RuleContext {
  /** The rule running now. */
  rule: RuleDefinition | undefined = undefined;
  // Own properties, so that rules may pass them on detached (`context.isOpaque` is also a key of
  // per-node caches: it must be the same function for every rule and configuration).
  readonly isOpaque: (node: AstNode) => boolean;
  readonly memo: RuleContext['memo'];
  readonly report: RuleContext['report'];
  private shapedNodes: ShapedNode[] | undefined = undefined;
  private configurationList: Configuration[] | undefined = undefined;

  constructor(
    private readonly input: ValidationInput,
    private readonly scope: RuleScope,
    reporter: Reporter,
  ) {
    this.isOpaque = input.adapter.isOpaque ?? NEVER_OPAQUE;
    this.memo = scope.memo;
    this.report = (target, message, options) => {
      const rule = this.rule as RuleDefinition;
      reporter.push(
        rule,
        rule.id,
        target.offset,
        target.length,
        message,
        options?.severity ?? rule.severity,
        options?.fixes,
      );
    };
  }

  get parsed(): ParsedDocument {
    return this.input.parsed;
  }
  get kind(): DocumentKind {
    return this.input.kind;
  }
  get model(): ApiModel {
    return this.input.model;
  }
  get catalog(): RunbookCatalog {
    return this.input.catalog;
  }
  get resourceTypes(): ReadonlySet<string> {
    return this.input.resourceTypes;
  }
  get account(): AccountFacts | undefined {
    return this.input.account;
  }
  get entries(): readonly EntryPoint[] {
    return this.scope.entries;
  }
  get shaped(): ShapedNode[] {
    this.shapedNodes ??= this.scope.shaped();
    return this.shapedNodes;
  }
  get configurations(): Configuration[] {
    this.configurationList ??= this.scope.configurations();
    return this.configurationList;
  }
}

/** Collects problems at the levels the settings give, clamped into the document. */
class Reporter {
  readonly problems: Problem[] = [];
  private readonly levels: RuleLevels | undefined;
  private readonly rules: readonly RuleDefinition[];
  /** Not parsed.text.length: that would build the whole text of a lazily read document. */
  private readonly textLength: number;

  constructor(input: ValidationInput) {
    this.levels = input.levels;
    this.rules = input.rules;
    this.textLength = documentLength(input.parsed);
  }

  /** Adds a problem of a rule (undefined for an id no rule has) at the level the settings give. */
  push(
    rule: RuleDefinition | undefined,
    ruleId: string,
    offset: number,
    length: number,
    message: string,
    severity: Severity,
    fixes?: Problem['fixes'],
  ): void {
    const levels = this.levels;
    const level = rule ? levelFor(rule, levels) : severity;
    if (level === 'off') return;
    // Clamp into the document: a range outside it would break editors.
    const textLength = this.textLength;
    const start = Math.max(0, Math.min(offset, textLength));
    const end = Math.max(start, Math.min(start + Math.max(0, length), textLength));
    const explicitLevel = rule && (levels?.[rule.id] ?? levels?.[rule.slug]);
    this.problems.push({
      ruleId,
      severity: explicitLevel ? level : severity,
      offset: start,
      length: end - start,
      message,
      ...(fixes && fixes.length > 0 ? { fixes } : {}),
    });
  }

  /** The rule of an id among all the input's rules (for the levels of parser and engine problems). */
  rule(id: string): RuleDefinition | undefined {
    return rulesById(this.rules).get(id);
  }
}

const byId = new WeakMap<readonly RuleDefinition[], Map<string, RuleDefinition>>();

function rulesById(rules: readonly RuleDefinition[]): Map<string, RuleDefinition> {
  let map = byId.get(rules);
  if (!map) byId.set(rules, (map = new Map(rules.map((rule) => [rule.id, rule]))));
  return map;
}

function reportExtraYamlDocuments(
  parsed: ParsedDocument,
  report: (offset: number, length: number, message: string) => void,
): void {
  const ranges = parsed.documentRanges;
  if (!ranges || ranges.length < 2) return;
  ranges.forEach((range, index) => {
    if (index === 0 || parsed.roots[index] === undefined) return;
    // Underline the "---" marker (or the first line) of the extra document.
    const markerStart = parsed.text.lastIndexOf('---', range.offset);
    const offset =
      markerStart >= 0 && markerStart >= (ranges[index - 1]?.offset ?? 0)
        ? markerStart
        : range.offset;
    const lineEnd = parsed.text.indexOf('\n', offset);
    report(
      offset,
      (lineEnd === -1 ? parsed.text.length : lineEnd) - offset,
      `Document ${index + 1} of this YAML file: "aws configservice put-remediation-configurations --cli-input-yaml" reads a single document. Every document is checked, but keep one request per file (move this one to its own file) before deploying.`,
    );
  });
}
