import type { ApiShape } from '../data/types';
import type { AstNode } from '../model/ast';
import { memberLabel } from '../model/apiModel';

/** "a string", "an integer", ... for messages about what a node is. */
export function describeNode(node: AstNode): string {
  switch (node.type) {
    case 'string':
      return 'a string';
    case 'number':
      return node.isInteger ? 'an integer' : 'a decimal number';
    case 'boolean':
      return 'a boolean';
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    case 'null':
      return 'empty (null)';
    default:
      return 'a property';
  }
}

/** "a string", "an integer", ... for what a shape expects. */
export function describeShapeType(shape: ApiShape): string {
  switch (shape.type) {
    case 'string':
      return 'a string';
    case 'integer':
    case 'long':
      return 'an integer';
    case 'boolean':
      return 'a boolean (true or false)';
    case 'list':
      return 'a list';
    case 'structure':
    case 'map':
      return 'an object';
  }
}

export function matchesShapeType(node: AstNode, shape: ApiShape): boolean {
  switch (shape.type) {
    case 'string':
      return node.type === 'string';
    case 'integer':
    case 'long':
      return node.type === 'number' && node.isInteger;
    case 'boolean':
      return node.type === 'boolean';
    case 'list':
      return node.type === 'array';
    case 'structure':
    case 'map':
      return node.type === 'object';
  }
}

/**
 * The range to underline for a problem about a whole object: the key that names it when it is a
 * property value, otherwise its opening brace (JSON) or its first key (YAML block mapping).
 */
export function anchorOf(node: AstNode, text: string): { offset: number; length: number } {
  const parent = node.parent;
  if (parent?.type === 'property') return parent.keyNode;
  if (node.type === 'object') {
    if (text[node.offset] === '{') return { offset: node.offset, length: 1 };
    const first = node.properties[0];
    if (first) return first.keyNode;
  }
  return { offset: node.offset, length: Math.max(1, Math.min(node.length, 1)) };
}

/** Levenshtein distance, bounded: returns max+1 as soon as the distance must exceed max. */
export function editDistance(a: string, b: string, max = 8): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}

/**
 * The candidate the user most likely meant: a case-insensitive match first (`staticValue`), then
 * the nearest by edit distance within a third of the word's length (at least 2).
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    if (candidate.toLowerCase() === lower) return candidate;
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** How messages name an object of a shape: "This remediation configuration", "The request", '"StaticValue"'. */
export function describeObject(shapeName: string, docPath: string): string {
  if (docPath === '') return 'The request';
  if (shapeName === 'RemediationConfiguration') return 'This remediation configuration';
  if (docPath.endsWith('.*')) return 'This parameter value';
  return `"${memberLabel(docPath)}"`;
}
