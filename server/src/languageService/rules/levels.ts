import type { RuleDefinition } from './types';
import type { Severity } from '../model/problem';

/** A rule's configured level: a severity, or "off". */
export type RuleLevel = Severity | 'off';

/** Rule levels by rule id ("RC201") or slug ("automatic-needs-assume-role"). */
export type RuleLevels = Readonly<Record<string, RuleLevel>>;

const LEVELS: readonly string[] = ['error', 'warning', 'information', 'hint', 'off'];

export function isRuleLevel(value: unknown): value is RuleLevel {
  return typeof value === 'string' && LEVELS.includes(value);
}

/** The level in force for a rule: by id first, then by slug, else its default severity. */
export function levelFor(rule: RuleDefinition, levels: RuleLevels | undefined): RuleLevel {
  const byId = levels?.[rule.id];
  if (isRuleLevel(byId)) return byId;
  const bySlug = levels?.[rule.slug];
  if (isRuleLevel(bySlug)) return bySlug;
  return rule.severity;
}

/** Validates user-supplied rule levels; returns the clean map and one message per bad entry. */
export function parseRuleLevels(
  input: unknown,
  rules: readonly RuleDefinition[],
): { levels: Record<string, RuleLevel>; errors: string[] } {
  const levels: Record<string, RuleLevel> = {};
  const errors: string[] = [];
  if (input === undefined || input === null) return { levels, errors };
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { levels, errors: ['Rule settings must be an object of rule id or slug to level.'] };
  }
  const setById = new Set<string>();
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    const rule = rules.find((r) => r.id === key.toUpperCase() || r.slug === key);
    if (!rule) {
      errors.push(`Unknown rule "${key}" in rule settings.`);
      continue;
    }
    if (!isRuleLevel(value)) {
      errors.push(
        `Rule "${key}": level must be one of ${LEVELS.join(', ')}, not ${JSON.stringify(value)}.`,
      );
      continue;
    }
    // An id wins over a slug for the same rule, whatever their order (as in levelFor).
    const byId = rule.id === key.toUpperCase();
    if (!byId && setById.has(rule.id)) continue;
    if (byId) setById.add(rule.id);
    levels[rule.id] = value;
  }
  return { levels, errors };
}
