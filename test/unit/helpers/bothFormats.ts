import { stringify } from 'yaml';
import {
  findNodeAtOffset,
  type AstNode,
  type ParsedDocument,
  type PropertyNode,
  type ValueNode,
} from '../../../server/src/languageService/model/ast';
import { createLanguageService } from '../../../server/src/languageService/languageService';
import type { Problem } from '../../../server/src/languageService/model/problem';

export const service = createLanguageService();

export type Format = 'json' | 'yaml';
export const FORMATS: readonly Format[] = ['json', 'yaml'];

/** The same request object serialised in each format, the way people write them. */
export function serialise(value: unknown, format: Format): string {
  return format === 'json' ? JSON.stringify(value, null, 2) : stringify(value, { lineWidth: 0 });
}

export function validateValue(
  value: unknown,
  format: Format,
): { text: string; parsed: ParsedDocument; problems: Problem[] } {
  const text = serialise(value, format);
  const parsed = service.parse(text, format);
  return { text, parsed, problems: service.validate(parsed, 'request') };
}

/**
 * The node at a path such as "RemediationConfigurations[0].Parameters.AutomationAssumeRole"; with
 * `key: true`, the key node of the last property.
 */
export function nodeAt(parsed: ParsedDocument, path: string, key = false): AstNode {
  let node: AstNode | undefined = parsed.roots[0];
  const segments = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    if (segment.startsWith('[')) {
      const i = Number(segment.slice(1, -1));
      node = node?.type === 'array' ? node.items[i] : undefined;
    } else {
      const property: PropertyNode | undefined =
        node?.type === 'object'
          ? node.properties.find((p) => p.keyNode.value === segment)
          : undefined;
      node = last && key ? property?.keyNode : (property?.valueNode as ValueNode | undefined);
    }
    if (!node) throw new Error(`No node at ${path} (segment ${segment})`);
  }
  if (!node) throw new Error(`No node at ${path}`);
  return node;
}

/** The 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

export { findNodeAtOffset };
