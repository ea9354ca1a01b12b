import type { CodeAction } from '../model/serviceTypes';
import type { Problem } from '../model/problem';

/**
 * Quick fixes for the problems that overlap a range. Fixes are computed by the rules with the
 * problem (only where the fix is certain), so this only selects them.
 */
export function codeActionsFor(
  problems: readonly Problem[],
  range: { offset: number; length: number },
): CodeAction[] {
  const start = range.offset;
  const end = range.offset + range.length;
  const actions: CodeAction[] = [];
  for (const problem of problems) {
    const problemEnd = problem.offset + problem.length;
    if (problem.offset > end || problemEnd < start) continue;
    for (const fix of problem.fixes ?? []) {
      actions.push({
        title: fix.title,
        ruleIds: [problem.ruleId],
        edits: fix.edits,
        isPreferred: fix.isPreferred,
        problem: {
          offset: problem.offset,
          length: problem.length,
          ruleId: problem.ruleId,
          message: problem.message,
        },
      });
    }
  }
  return actions;
}
