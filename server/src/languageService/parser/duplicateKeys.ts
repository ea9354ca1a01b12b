import type { AstNode, SyntaxProblem } from '../model/ast';
import { SYNTAX_RULE_IDS } from './syntaxRuleIds';

/**
 * Flags keys that appear twice in one mapping. The AWS CLI keeps the last one silently, so the
 * first is lost. One pass with a Map per object: linear in the number of keys.
 */
export function reportDuplicateKeys(root: AstNode, problems: SyntaxProblem[]): void {
  const stack: AstNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as AstNode;
    if (node.type === 'object') {
      const seen = new Map<string, number>();
      for (const property of node.properties) {
        const key = property.keyNode.value;
        const firstOffset = seen.get(key);
        if (firstOffset !== undefined) {
          problems.push({
            ruleId: SYNTAX_RULE_IDS.duplicateKey,
            offset: property.keyNode.offset,
            length: property.keyNode.length,
            message: `Duplicate key "${key}": only the last one is sent, the earlier one is silently dropped.`,
          });
        } else {
          seen.set(key, property.keyNode.offset);
        }
        if (property.valueNode) stack.push(property.valueNode);
      }
    } else if (node.type === 'array') {
      for (const item of node.items) stack.push(item);
    }
  }
}
