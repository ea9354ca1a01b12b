import type { ApiShape } from '../data/types';

/** "string · 1–128 characters", "integer · 1–100", "list · at most 25 items" ... */
export function describeShape(shape: ApiShape): string {
  const parts: string[] = [];
  switch (shape.type) {
    case 'string':
      parts.push('string');
      if (shape.enum) parts.push(`one of ${shape.enum.join(', ')}`);
      else if (shape.min !== undefined || shape.max !== undefined) {
        parts.push(`${shape.min ?? 0}–${shape.max ?? '∞'} characters`);
      }
      if (shape.pattern) parts.push(`pattern \`${shape.pattern}\``);
      break;
    case 'integer':
    case 'long':
      parts.push('integer');
      if (shape.min !== undefined || shape.max !== undefined) {
        parts.push(`${shape.min ?? '-∞'}–${shape.max ?? '∞'}`);
      }
      break;
    case 'boolean':
      parts.push('boolean');
      break;
    case 'list':
      parts.push('list');
      if (shape.max !== undefined) parts.push(`at most ${shape.max} items`);
      break;
    case 'map':
      parts.push('object (map)');
      if (shape.max !== undefined) parts.push(`at most ${shape.max} entries`);
      break;
    case 'structure':
      parts.push('object');
      break;
  }
  return parts.join(' · ');
}
