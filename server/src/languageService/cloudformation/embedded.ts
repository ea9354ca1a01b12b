/**
 * Conformance pack templates written inside a template (model/layout.ts `embeddedTemplates`):
 * the `TemplateBody` string of an `AWS::Config::ConformancePack` or
 * `AWS::Config::OrganizationConformancePack`, plain or inside `!Sub`/`Fn::Sub` (string or
 * `[string, variables]` form), and the `Content` of an `AWS::SSM::Document` of type
 * ConformancePackTemplate (an object, or a string).
 *
 * A string body is decoded (block scalar indentation stripped, quoted-string escapes read) into a
 * text of its own with a map of its offsets back to the outer file (model/offsetMap.ts), and
 * parsed as a template; an object body is a template made of the outer file's own nodes. Either
 * way it becomes an `EmbeddedDocument` the facade checks, completes and hovers like a file.
 *
 * In a `!Sub` body, `${…}` is replaced by CloudFormation before the pack is created: any string
 * holding one is an unresolved value, skipped like an intrinsic (never a false error).
 */
import type { AstNode, ParsedDocument, StringNode, ValueNode } from '../model/ast';
import { getPropertyValue } from '../model/ast';
import type { OuterTemplate } from '../model/templateRunbooks';
import type { EmbeddedDocument, KindSupport } from '../model/document';
import {
  REMEDIATION_RESOURCE_TYPE,
  embeddedTemplates,
  remediationResources,
  templateRoot,
  type EmbeddedTemplate,
} from '../model/layout';
import { OffsetMap, type Segment } from '../model/offsetMap';
import { parseDocument } from '../parser';
import { intrinsicName } from './intrinsics';

/** A string body as written, and whether it is a `Fn::Sub` string. */
interface BodyString {
  node: StringNode;
  substitutions: boolean;
}

/** The string a body is, unwrapping `!Sub s`, `!Sub [s, vars]` and their long forms. */
function bodyString(node: ValueNode): BodyString | undefined {
  const name = intrinsicName(node);
  if (name === undefined)
    return node.type === 'string' ? { node, substitutions: false } : undefined;
  if (name !== 'Fn::Sub') return undefined;
  let value: AstNode | undefined = node;
  if (node.tag === undefined && node.type === 'object') value = node.properties[0]?.valueNode;
  if (value?.type === 'array') value = value.items[0];
  return value?.type === 'string' ? { node: value, substitutions: true } : undefined;
}

/** A decoded body: its text and where each part of it is in the outer text. */
export interface DecodedBody {
  text: string;
  map: OffsetMap;
}

/**
 * The value of a string node with the map of its characters to the outer text, or undefined
 * when its written form is not one we can map exactly (then the body is not checked).
 */
export function decodeString(outer: string, node: StringNode): DecodedBody | undefined {
  let start = node.offset;
  const end = node.offset + node.length;
  if (node.tag && outer.startsWith(node.tag, start)) {
    start += node.tag.length;
    while (start < end && /\s/.test(outer[start] ?? '')) start++;
  }
  const first = outer[start];
  let decoded: DecodedBody | undefined;
  if (first === '|') decoded = decodeBlock(outer, start, end);
  else if (first === '"') decoded = decodeQuoted(outer, start, end, 'double');
  else if (first === "'") decoded = decodeQuoted(outer, start, end, 'single');
  // Folded (`>`) and plain scalars change line breaks: they are not mapped.
  if (!decoded) return undefined;
  const trimEnd = (text: string): string => text.replace(/\n+$/, '');
  return trimEnd(decoded.text) === trimEnd(node.value) ? decoded : undefined;
}

/** A literal block scalar (`|`, `|-`, `|+`): each line less the block's indentation. */
function decodeBlock(outer: string, start: number, end: number): DecodedBody | undefined {
  const headerEnd = outer.indexOf('\n', start);
  if (headerEnd === -1 || headerEnd >= end) return undefined;
  const header = outer
    .slice(start, headerEnd)
    .replace(/\s+#.*$/, '')
    .trim();
  // An explicit indentation indicator (`|2`) is relative to the parent: rare, not mapped.
  if (!/^\|[-+]?$/.test(header)) return undefined;
  const lines: { start: number; text: string }[] = [];
  let lineStart = headerEnd + 1;
  while (lineStart <= end && lineStart < outer.length) {
    const newline = outer.indexOf('\n', lineStart);
    const lineEnd = newline === -1 || newline > end ? end : newline;
    lines.push({ start: lineStart, text: outer.slice(lineStart, lineEnd).replace(/\r$/, '') });
    if (newline === -1 || newline >= end) break;
    lineStart = newline + 1;
  }
  const firstContent = lines.find((line) => line.text.trim() !== '');
  if (!firstContent) return undefined;
  const indent = /^ */.exec(firstContent.text)?.[0].length ?? 0;
  if (indent === 0) return undefined;
  const segments: Segment[] = [];
  const parts: string[] = [];
  let inner = 0;
  for (const line of lines) {
    const blank = line.text.trim() === '';
    if (!blank && !line.text.startsWith(' '.repeat(indent))) break; // the block ended
    const content = line.text.slice(indent);
    const column = Math.min(indent, line.text.length);
    segments.push({
      inner,
      innerLength: content.length,
      outer: line.start + column,
      outerLength: content.length,
    });
    parts.push(content);
    inner += content.length + 1;
  }
  const last = segments.at(-1);
  return {
    text: parts.join('\n'),
    map: new OffsetMap(
      segments,
      {
        kind: 'block',
        indent: ' '.repeat(indent),
        lineEnd: outer[headerEnd - 1] === '\r' ? '\r\n' : '\n',
      },
      last ? last.outer + last.outerLength : end,
    ),
  };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  '"': '"',
  '\\': '\\',
  '/': '/',
  '0': '\0',
  a: '\x07',
  e: '\x1b',
  v: '\v',
  ' ': ' ',
  '\t': '\t',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

const HEX_ESCAPES: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * A quoted string on one line (a JSON string, or a YAML double- or single-quoted scalar). A
 * line break inside folds in YAML: not mapped.
 */
function decodeQuoted(
  outer: string,
  start: number,
  end: number,
  quote: 'double' | 'single',
): DecodedBody | undefined {
  const segments: Segment[] = [];
  const parts: string[] = [];
  let inner = 0;
  let position = start + 1;
  let runStart = position;
  const closeRun = (): void => {
    if (position > runStart) {
      const length = position - runStart;
      segments.push({ inner, innerLength: length, outer: runStart, outerLength: length });
      parts.push(outer.slice(runStart, position));
      inner += length;
    }
  };
  const escape = (value: string, length: number): void => {
    closeRun();
    segments.push({ inner, innerLength: value.length, outer: position, outerLength: length });
    parts.push(value);
    inner += value.length;
    position += length;
    runStart = position;
  };
  while (position < end) {
    const char = outer[position];
    if (char === '\n' || char === '\r') return undefined;
    if (quote === 'single' && char === "'") {
      if (outer[position + 1] === "'") {
        escape("'", 2);
        continue;
      }
      break;
    }
    if (quote === 'double' && char === '"') break;
    if (quote === 'double' && char === '\\') {
      const next = outer[position + 1] ?? '';
      const simple = SIMPLE_ESCAPES[next];
      if (simple !== undefined) {
        escape(simple, 2);
        continue;
      }
      const digits = HEX_ESCAPES[next];
      const hex = digits ? outer.slice(position + 2, position + 2 + digits) : '';
      if (!digits || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) return undefined;
      escape(String.fromCodePoint(parseInt(hex, 16)), 2 + digits);
      continue;
    }
    position++;
  }
  closeRun();
  return {
    text: parts.join(''),
    map: new OffsetMap(segments, { kind: 'escaped' }, position),
  };
}

/** A JSON template starts with `{`; anything else is read as YAML (a superset of JSON anyway). */
function formatOf(text: string): 'json' | 'yaml' {
  return /^\s*\{/.test(text) ? 'json' : 'yaml';
}

/** `${Name}` (not the literal `${!Name}`): a value CloudFormation substitutes. */
const SUBSTITUTION = /\$\{(?!!)[^}]*\}/;

/**
 * The support of a body: CloudFormation's, with strings holding a substitution opaque in a
 * `Fn::Sub` body, and completion paths relative to the body when it is the outer file's object.
 */
function bodySupport(
  base: KindSupport,
  substitutions: boolean,
  pathPrefix: readonly (string | number)[],
): KindSupport {
  const { adapter } = base;
  const baseOpaque = adapter.isOpaque?.bind(adapter) ?? (() => false);
  // One function per support: per-node caches (model/configuration.ts) match on it.
  const isOpaque = substitutions
    ? (node: AstNode): boolean =>
        baseOpaque(node) || (node.type === 'string' && SUBSTITUTION.test(node.value))
    : baseOpaque;
  const resolvePath = adapter.resolvePath;
  return {
    ...base,
    adapter: {
      entries: (parsed, model) => adapter.entries(parsed, model),
      isOpaque,
      ...(resolvePath
        ? {
            resolvePath: (path, model, parsed) => {
              if (pathPrefix.some((segment, index) => path[index] !== segment)) return undefined;
              return resolvePath(path.slice(pathPrefix.length), model, parsed);
            },
          }
        : {}),
    },
  };
}

/**
 * What the outer template passes to an `AWS::Config::ConformancePack`'s template: its
 * `ConformancePackInputParameters` (ParameterName → ParameterValue as written). Not for an
 * OrganizationConformancePack, whose template is deployed in other accounts (where the outer
 * template's documents do not exist).
 */
function outerTemplate(
  outer: ParsedDocument,
  template: EmbeddedTemplate,
): OuterTemplate | undefined {
  if (template.resourceType !== 'AWS::Config::ConformancePack') return undefined;
  const list = getPropertyValue(template.property.parent, 'ConformancePackInputParameters');
  if (list?.type !== 'array') return undefined;
  const inputParameters = new Map<string, ValueNode>();
  for (const item of list.items) {
    const name = getPropertyValue(item, 'ParameterName');
    const value = getPropertyValue(item, 'ParameterValue');
    if (name?.type === 'string' && !name.tag && value) inputParameters.set(name.value, value);
  }
  return inputParameters.size === 0 ? undefined : { roots: outer.roots, inputParameters };
}

/** The embedded document of one body, or undefined when it cannot be read exactly. */
function embeddedDocument(
  outer: ParsedDocument,
  template: EmbeddedTemplate,
  makeSupport: () => KindSupport,
): EmbeddedDocument | undefined {
  const label = `conformance pack template of resource "${template.logicalId}"`;
  const outerFacts = outerTemplate(outer, template);
  const node = template.node;
  if (node.type === 'object' && intrinsicName(node) === undefined) {
    // SSM document Content written as an object: a template made of the outer file's nodes.
    const parsed: ParsedDocument = {
      format: outer.format,
      text: outer.text,
      roots: [node],
      problems: [],
    };
    const prefix = ['Resources', template.logicalId, 'Properties', template.property.keyNode.value];
    return {
      parsed,
      kind: 'cloudformation',
      support: bodySupport(makeSupport(), false, prefix),
      map: OffsetMap.identity(),
      range: { offset: node.offset, length: node.length },
      label,
      ...(outerFacts ? { outer: outerFacts } : {}),
    };
  }
  const body = bodyString(node);
  if (!body || !body.node.value.includes(REMEDIATION_RESOURCE_TYPE)) return undefined;
  const decoded = decodeString(outer.text, body.node);
  if (!decoded) return undefined;
  const parsed = parseDocument(decoded.text, formatOf(decoded.text));
  if (body.substitutions) {
    // A syntax error around a substitution may be gone once CloudFormation substitutes it.
    const problems = parsed.problems.filter((problem) => !nearSubstitution(decoded.text, problem));
    parsed.problems.splice(0, parsed.problems.length, ...problems);
  }
  return {
    parsed,
    kind: 'cloudformation',
    support: bodySupport(makeSupport(), body.substitutions, []),
    map: decoded.map,
    range: { offset: body.node.offset, length: body.node.length },
    label,
    ...(outerFacts ? { outer: outerFacts } : {}),
  };
}

/** Whether a syntax problem is on a line holding a `${…}` substitution. */
function nearSubstitution(text: string, problem: { offset: number; length: number }): boolean {
  const lineStart = text.lastIndexOf('\n', Math.max(0, problem.offset - 1)) + 1;
  const lineEnd = text.indexOf('\n', problem.offset + problem.length);
  return SUBSTITUTION.test(text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd));
}

const cache = new WeakMap<ParsedDocument, EmbeddedDocument[]>();

/**
 * The conformance pack templates written inside a template that hold at least one remediation
 * resource, parsed once per parsed document. Never throws (a body that cannot be read is left
 * out).
 */
export function embeddedDocuments(
  parsed: ParsedDocument,
  makeSupport: () => KindSupport,
): EmbeddedDocument[] {
  const known = cache.get(parsed);
  if (known) return known;
  const documents: EmbeddedDocument[] = [];
  try {
    for (const template of embeddedTemplates(templateRoot(parsed.roots))) {
      const document = embeddedDocument(parsed, template, makeSupport);
      if (!document) continue;
      if (remediationResources(templateRoot(document.parsed.roots)).length > 0) {
        documents.push(document);
      }
    }
  } catch {
    // Never throw from recognition or validation: the bodies read so far are kept.
  }
  cache.set(parsed, documents);
  return documents;
}
