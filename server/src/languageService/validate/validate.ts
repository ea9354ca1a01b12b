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
  /** Run on a part of the document only (incremental validation, see incremental/validation.ts). */
  scope?: ValidationScope;
}

/** What a partial run checks: some rules, on some of the nodes. Unset fields mean "as usual". */
export interface ValidationScope {
  runs?(rule: RuleDefinition): boolean;
  /** Leave out the parser's problems and the multiple-documents check. */
  skipDocumentProblems?: boolean;
  entries?: readonly EntryPoint[];
  shaped?(): ShapedNode[];
  configurations?(): Configuration[];
  memo?: RuleContext['memo'];
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
 * Runs the parser's problems and every enabled rule. A rule that throws is reported once as an
 * internal error naming it; the other rules still run. Never throws.
 */
export function validateDocument(input: ValidationInput): Problem[] {
  const { parsed, rules, levels } = input;
  const problems: Problem[] = [];
  const ruleById = new Map(rules.map((rule) => [rule.id, rule]));
  // Not parsed.text.length: that would build the whole text of a lazily read document.
  const textLength = documentLength(parsed);

  const push = (
    rule: RuleDefinition | undefined,
    ruleId: string,
    offset: number,
    length: number,
    message: string,
    severity: Severity,
    fixes?: Problem['fixes'],
  ): void => {
    const level = rule ? levelFor(rule, levels) : severity;
    if (level === 'off') return;
    // Clamp into the document: a range outside it would break editors.
    const start = Math.max(0, Math.min(offset, textLength));
    const end = Math.max(start, Math.min(start + Math.max(0, length), textLength));
    const explicitLevel = rule && (levels?.[rule.id] ?? levels?.[rule.slug]);
    problems.push({
      ruleId,
      severity: explicitLevel ? level : severity,
      offset: start,
      length: end - start,
      message,
      ...(fixes && fixes.length > 0 ? { fixes } : {}),
    });
  };

  const scope = input.scope;
  for (const problem of scope?.skipDocumentProblems ? [] : parsed.problems) {
    const rule = ruleById.get(problem.ruleId);
    push(
      rule,
      problem.ruleId,
      problem.offset,
      problem.length,
      problem.message,
      rule?.severity ?? 'error',
    );
  }
  if (!scope?.skipDocumentProblems)
    reportExtraYamlDocuments(parsed, (offset, length, message) => {
      const rule = ruleById.get(SYNTAX_RULE_IDS.multipleDocuments);
      push(
        rule,
        SYNTAX_RULE_IDS.multipleDocuments,
        offset,
        length,
        message,
        rule?.severity ?? 'error',
      );
    });

  const isOpaque = input.adapter.isOpaque ?? NEVER_OPAQUE;
  const entries = scope?.entries ?? input.adapter.entries(parsed, input.model);
  let shaped: ShapedNode[] | undefined;
  let configurations: ReturnType<typeof findConfigurations> | undefined;

  for (const rule of rules) {
    if (!rule.check || levelFor(rule, levels) === 'off') continue;
    if (scope?.runs && !scope.runs(rule)) continue;
    const context: RuleContext = {
      parsed,
      kind: input.kind,
      model: input.model,
      catalog: input.catalog,
      resourceTypes: input.resourceTypes,
      account: input.account,
      entries,
      get shaped() {
        shaped ??= scope?.shaped?.() ?? collectShapedNodes(input.model, entries, isOpaque);
        return shaped;
      },
      get configurations() {
        configurations ??= scope?.configurations?.() ?? findConfigurations(entries);
        return configurations;
      },
      isOpaque,
      memo: scope?.memo ?? ((_configuration, _key, compute) => compute()),
      report(target, message, options) {
        push(
          rule,
          rule.id,
          target.offset,
          target.length,
          message,
          options?.severity ?? rule.severity,
          options?.fixes,
        );
      },
    };
    try {
      rule.check(context);
    } catch (error) {
      const internal = ruleById.get(INTERNAL_ERROR_RULE_ID);
      push(
        internal,
        INTERNAL_ERROR_RULE_ID,
        0,
        0,
        `Internal error in rule ${rule.id} (${rule.slug}): ${(error as Error)?.message ?? String(error)}. The other rules still ran; please report this.`,
        'error',
      );
    }
  }
  problems.sort(compareProblems);
  return problems;
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
