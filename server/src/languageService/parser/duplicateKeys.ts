import type { AstNode, SyntaxProblem } from '../model/ast';
import { SYNTAX_RULE_IDS } from './syntaxRuleIds';

/**
 * Flags keys that appear twice in one mapping. The AWS CLI keeps the last one silently, so the
 * first is lost. One pass with a Map per object: linear in the number of keys.
 */
/** Up to this many keys, an object's keys are compared pairwise. */
const SMALL_OBJECT = 8;

export function reportDuplicateKeys(root: AstNode, problems: SyntaxProblem[]): void {
  const stack: AstNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as AstNode;
    if (node.type === 'object') {
      const properties = node.properties;
      // Most objects have a few keys: comparing them is cheaper than a Map for each object.
      const seen = properties.length > SMALL_OBJECT ? new Map<string, number>() : undefined;
      for (let i = 0; i < properties.length; i++) {
        const property = properties[i] as (typeof properties)[number];
        const key = property.keyNode.value;
        let duplicate: boolean;
        if (seen) {
          duplicate = seen.has(key);
          if (!duplicate) seen.set(key, property.keyNode.offset);
        } else {
          duplicate = false;
          for (let j = 0; j < i && !duplicate; j++) {
            duplicate = (properties[j] as (typeof properties)[number]).keyNode.value === key;
          }
        }
        if (duplicate) {
          problems.push({
            ruleId: SYNTAX_RULE_IDS.duplicateKey,
            offset: property.keyNode.offset,
            length: property.keyNode.length,
            message: `Duplicate key "${key}": only the last one is sent, the earlier one is silently dropped.`,
          });
        }
        if (property.valueNode) stack.push(property.valueNode);
      }
    } else if (node.type === 'array') {
      for (const item of node.items) stack.push(item);
    }
  }
}
