/**
 * Applies a document's suppressions (model/suppression.ts) to the findings of a validation, and
 * reports each suppression that silences nothing as RC008 unused-suppression. It runs on the
 * finished list of findings, after a full and an incremental validation alike, so both give the
 * same result. Linear: suppressions are grouped by the range they silence once, and each finding
 * is looked up with a binary search.
 *
 * Not suppressible: RC001 (a file that does not parse must not look clean, nor be deployed),
 * RC005, RC008 itself and RC009.
 */
import type { AccountFacts } from '../../../../common/src/accountFacts';
import type { Fix, Problem, Severity } from '../model/problem';
import type { SuppressedId, Suppression } from '../model/suppression';
import { SYNTAX_RULE_IDS } from '../parser/syntaxRuleIds';
import { FILE_NOT_RECOGNISED_RULE_ID } from '../rules/syntax';
import { INTERNAL_ERROR_RULE_ID, UNUSED_SUPPRESSION_RULE_ID } from '../rules';
import { levelFor, type RuleLevels } from '../rules/levels';
import type { RuleDefinition } from '../rules/types';
import { compareProblems } from './validate';

export const UNSUPPRESSIBLE_RULE_IDS: ReadonlySet<string> = new Set([
  SYNTAX_RULE_IDS.syntax,
  SYNTAX_RULE_IDS.fileTooLarge,
  UNUSED_SUPPRESSION_RULE_ID,
  INTERNAL_ERROR_RULE_ID,
]);

export interface SuppressionOptions {
  rules: readonly RuleDefinition[];
  levels?: RuleLevels;
  account?: AccountFacts;
}

/** Suppressions with the same range, and where that range is. */
interface Bucket {
  start: number;
  end: number;
  suppressions: Suppression[];
}

export function applySuppressions(
  problems: Problem[],
  suppressions: readonly Suppression[],
  options: SuppressionOptions,
): Problem[] {
  if (suppressions.length === 0) return problems;
  const byName = new Map<string, RuleDefinition>();
  for (const rule of options.rules) {
    byName.set(rule.id.toUpperCase(), rule);
    byName.set(rule.slug, rule);
  }
  const ruleOf = (written: string): RuleDefinition | undefined =>
    byName.get(written) ?? byName.get(written.toUpperCase());

  const whole = suppressions.filter((s) => s.kind === 'file');
  const lines = buckets(suppressions.filter((s) => s.kind === 'line' || s.kind === 'next-line'));
  const resources = buckets(suppressions.filter((s) => s.kind === 'resource'));
  const used = new Set<Suppression | SuppressedId>();
  const matches = (suppression: Suppression, ruleId: string): boolean => {
    if (suppression.ids.length === 0) {
      used.add(suppression);
      return true;
    }
    let matched = false;
    for (const id of suppression.ids) {
      if (ruleOf(id.id)?.id !== ruleId) continue;
      used.add(id);
      matched = true;
    }
    return matched;
  };

  const kept: Problem[] = [];
  for (const problem of problems) {
    if (UNSUPPRESSIBLE_RULE_IDS.has(problem.ruleId)) {
      kept.push(problem);
      continue;
    }
    let suppressed = false;
    // Every suppression that matches is used (none is then reported as unused).
    for (const suppression of whole)
      suppressed = matches(suppression, problem.ruleId) || suppressed;
    for (const table of [lines, resources]) {
      const bucket = bucketAt(table, problem.offset);
      for (const suppression of bucket?.suppressions ?? []) {
        suppressed = matches(suppression, problem.ruleId) || suppressed;
      }
    }
    if (!suppressed) kept.push(problem);
  }

  const unused = unusedProblems(suppressions, used, ruleOf, options);
  if (unused.length === 0 && kept.length === problems.length) return problems;
  return unused.length === 0 ? kept : [...kept, ...unused].sort(compareProblems);
}

function buckets(suppressions: readonly Suppression[]): Bucket[] {
  const byStart = new Map<number, Bucket>();
  for (const suppression of suppressions) {
    if (suppression.end <= suppression.start) continue;
    const bucket = byStart.get(suppression.start);
    if (bucket) bucket.suppressions.push(suppression);
    else {
      byStart.set(suppression.start, {
        start: suppression.start,
        end: suppression.end,
        suppressions: [suppression],
      });
    }
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

/** The bucket whose range holds `offset` (ranges of one table do not overlap). */
function bucketAt(table: readonly Bucket[], offset: number): Bucket | undefined {
  let low = 0;
  let high = table.length - 1;
  let found: Bucket | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const bucket = table[middle] as Bucket;
    if (bucket.start <= offset) {
      found = bucket;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found && offset < found.end ? found : undefined;
}

const WHERE: Record<Suppression['kind'], string> = {
  'next-line': 'on the next line',
  line: 'on this line',
  file: 'in this file',
  resource: 'in this resource',
};

function unusedProblems(
  suppressions: readonly Suppression[],
  used: ReadonlySet<Suppression | SuppressedId>,
  ruleOf: (written: string) => RuleDefinition | undefined,
  options: SuppressionOptions,
): Problem[] {
  const own = options.rules.find((rule) => rule.id === UNUSED_SUPPRESSION_RULE_ID);
  const level = own ? levelFor(own, options.levels) : 'hint';
  if (level === 'off') return [];
  const severity: Severity = level;
  const problems: Problem[] = [];
  const report = (offset: number, length: number, message: string, fixes?: Fix[]): void => {
    problems.push({
      ruleId: UNUSED_SUPPRESSION_RULE_ID,
      severity,
      offset,
      length,
      message,
      ...(fixes ? { fixes } : {}),
    });
  };
  for (const suppression of suppressions) {
    const where =
      suppression.kind === 'resource' && suppression.resource
        ? `in resource "${suppression.resource}"`
        : WHERE[suppression.kind];
    if (suppression.ids.length === 0) {
      if (!used.has(suppression)) {
        report(
          suppression.offset,
          suppression.length,
          `Unused suppression: no finding ${where}. Remove it, so that it cannot hide a future one.`,
          removeWhole(suppression),
        );
      }
      continue;
    }
    const stale = suppression.ids.flatMap((id) => {
      const message = staleMessage(id, ruleOf(id.id), used, where, options);
      return message === undefined ? [] : [{ id, message }];
    });
    // A comment whose every id is stale goes as a whole (its ids are all known rules).
    if (
      suppression.kind !== 'resource' &&
      stale.length === suppression.ids.length &&
      stale.every(({ id }) => {
        const rule = ruleOf(id.id);
        return rule !== undefined && !UNSUPPRESSIBLE_RULE_IDS.has(rule.id);
      })
    ) {
      const names = suppression.ids.map((id) => describe(ruleOf(id.id), id.id)).join(', ');
      report(
        suppression.offset,
        suppression.length,
        `Unused suppression: no ${names} finding ${where}. Remove it, so that it cannot hide a future one.`,
        removeWhole(suppression),
      );
      continue;
    }
    for (const { id, message } of stale) {
      report(
        id.offset,
        id.length,
        message,
        suppression.kind === 'resource' ? undefined : removeId(suppression, id),
      );
    }
  }
  return problems;
}

function describe(rule: RuleDefinition | undefined, written: string): string {
  return rule ? `${rule.id} (${rule.slug})` : written;
}

/** Why one id of a suppression is stale, or undefined when it is not (or cannot be told). */
function staleMessage(
  id: SuppressedId,
  rule: RuleDefinition | undefined,
  used: ReadonlySet<Suppression | SuppressedId>,
  where: string,
  options: SuppressionOptions,
): string | undefined {
  if (used.has(id)) return undefined;
  if (!rule) return `"${id.id}" is not a rule id or slug: this suppression silences nothing.`;
  if (UNSUPPRESSIBLE_RULE_IDS.has(rule.id)) {
    return `${describe(rule, id.id)} cannot be suppressed: fix the problem instead.`;
  }
  // Whether these would report here cannot be told by this check: the rule is off, its findings
  // come from elsewhere (RC007 from the CLI, RC5xx after a deploy), or need the account's facts.
  if (levelFor(rule, options.levels) === 'off') return undefined;
  if (rule.id === FILE_NOT_RECOGNISED_RULE_ID || rule.category === 'deploy') return undefined;
  if (rule.category === 'account' && !options.account) return undefined;
  return `Unused suppression: no ${describe(rule, id.id)} finding ${where}. Remove it, so that it cannot hide a future one.`;
}

function removeWhole(suppression: Suppression): Fix[] | undefined {
  if (suppression.kind === 'resource') return undefined;
  const range = suppression.ownLine ?? { offset: suppression.offset, length: suppression.length };
  return [
    {
      title: 'Remove the unused suppression',
      edits: [{ offset: range.offset, length: range.length, newText: '' }],
      isPreferred: true,
    },
  ];
}

/** Removes one id and the separator before it (or after it, for the first). */
function removeId(suppression: Suppression, id: SuppressedId): Fix[] | undefined {
  // Without ids a suppression silences every rule: the only id goes with its comment.
  if (suppression.ids.length === 1) return removeWhole(suppression);
  const index = suppression.ids.indexOf(id);
  const previous = suppression.ids[index - 1];
  const next = suppression.ids[index + 1];
  let start = id.offset;
  let end = id.offset + id.length;
  if (previous) start = previous.offset + previous.length;
  else if (next) end = next.offset;
  return [
    {
      title: `Remove ${id.id} from the suppression`,
      edits: [{ offset: start, length: end - start, newText: '' }],
      isPreferred: true,
    },
  ];
}
