/**
 * Format-aware text edits for quick fixes: insert properties into an object, remove a property,
 * rename a key, replace a value, in JSON and in YAML (block and flow style) with the document's
 * indentation and line endings. Every builder returns undefined where the edit is not certain to
 * produce the intended text (a YAML alias or merge key expanded there, a broken object), so rules
 * attach no fix rather than a wrong one. Builders never throw.
 */
import type {
  ArrayNode,
  AstNode,
  DocumentFormat,
  ObjectNode,
  ParsedDocument,
  PropertyNode,
  ValueNode,
} from '../model/ast';
import { renderString } from '../model/text';
import type { Fix, TextEdit } from '../model/problem';
import { textFacts } from '../model/textFacts';

/** A value the builders can render: what JSON.parse returns. */
export type EditValue =
  string | number | boolean | null | EditValue[] | { [key: string]: EditValue };

function lineStartOf(text: string, offset: number): number {
  return textFacts(text).lineStartOf(offset);
}

/** "\r\n" when the document uses it, else "\n". */
export function eolOf(text: string): string {
  return textFacts(text).eol;
}

/** Leading whitespace of the line that holds `offset`. */
export function lineIndentAt(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
}

/** End of a node's content: YAML block collections include the trailing newline; this drops it. */
export function contentEnd(node: AstNode, text: string): number {
  let end = node.offset + node.length;
  while (end > node.offset && /\s/.test(text[end - 1] ?? '')) end--;
  return end;
}

/** Offset of the line terminator ("\n" or "\r\n") of the line holding `offset`, or the text end. */
function lineTerminatorAt(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline === -1) return text.length;
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

/**
 * False where the node's range is not its own source: YAML alias expansions and merged (`<<`)
 * properties take the alias's range, so an edit there would change the alias, not the value.
 */
export function isEditable(node: AstNode, text: string): boolean {
  return node.length >= 0 && text[node.offset] !== '*' && !text.startsWith('<<', node.offset);
}

function isScalar(value: EditValue): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

function entriesOf(value: EditValue): [string, EditValue][] {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.entries(value)
    : [];
}

// ------------------------------------------------------------------ rendering

/** A scalar as YAML (quoted only where needed) or JSON. */
export function renderScalar(
  value: string | number | boolean | null,
  format: DocumentFormat,
): string {
  if (typeof value === 'string') return renderString(value, format);
  return value === null ? 'null' : String(value);
}

/** A key as YAML (plain where possible) or JSON (always quoted). */
export function renderKey(key: string, format: DocumentFormat): string {
  return renderString(key, format);
}

/** JSON on one line: `{ "a": ["x"] }`. */
export function renderJsonCompact(value: EditValue): string {
  if (isScalar(value)) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(renderJsonCompact).join(', ')}]`;
  const entries = entriesOf(value);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${renderJsonCompact(v)}`).join(', ')} }`;
}

/** JSON over several lines; lists of scalars stay on one line (`"Values": ["x"]`). */
export function renderJsonPretty(
  value: EditValue,
  indent: string,
  unit: string,
  eol: string,
): string {
  if (isScalar(value)) return JSON.stringify(value);
  const inner = indent + unit;
  if (Array.isArray(value)) {
    if (value.every(isScalar)) return renderJsonCompact(value);
    return `[${eol}${value.map((item) => inner + renderJsonPretty(item, inner, unit, eol)).join(`,${eol}`)}${eol}${indent}]`;
  }
  const entries = entriesOf(value);
  if (entries.length === 0) return '{}';
  return `{${eol}${entries
    .map(([k, v]) => `${inner}${JSON.stringify(k)}: ${renderJsonPretty(v, inner, unit, eol)}`)
    .join(`,${eol}`)}${eol}${indent}}`;
}

/** YAML flow style: `{StaticValue: {Values: [x]}}`. */
export function renderYamlFlow(value: EditValue): string {
  if (isScalar(value)) return renderScalar(value, 'yaml');
  if (Array.isArray(value)) return `[${value.map(renderYamlFlow).join(', ')}]`;
  return `{${entriesOf(value)
    .map(([k, v]) => `${renderKey(k, 'yaml')}: ${renderYamlFlow(v)}`)
    .join(', ')}}`;
}

/**
 * YAML block style for what follows `Key:` when the key is at column `indent`: ` scalar`, or the
 * nested lines (sequences indented by one unit under their key, as the AWS examples write them).
 */
export function renderYamlBlockValue(
  value: EditValue,
  indent: string,
  unit: string,
  eol: string,
): string {
  if (isScalar(value)) return ` ${renderScalar(value, 'yaml')}`;
  const inner = indent + unit;
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []';
    return value
      .map((item) => `${eol}${inner}- ${renderYamlItem(item, inner + '  ', unit, eol)}`)
      .join('');
  }
  const entries = entriesOf(value);
  if (entries.length === 0) return ' {}';
  return entries
    .map(
      ([k, v]) =>
        `${eol}${inner}${renderKey(k, 'yaml')}:${renderYamlBlockValue(v, inner, unit, eol)}`,
    )
    .join('');
}

/** A sequence item after "- ": a scalar, a nested flow list, or a mapping continuing at `indent`. */
function renderYamlItem(value: EditValue, indent: string, unit: string, eol: string): string {
  if (isScalar(value) || Array.isArray(value)) return renderYamlFlow(value);
  const entries = entriesOf(value);
  if (entries.length === 0) return '{}';
  return entries
    .map(
      ([k, v], index) =>
        `${index === 0 ? '' : eol + indent}${renderKey(k, 'yaml')}:${renderYamlBlockValue(v, indent, unit, eol)}`,
    )
    .join('');
}

// ------------------------------------------------------------------ builders

/** Inserts one property at the end of an object. */
export function insertPropertyEdit(
  object: ObjectNode,
  key: string,
  value: EditValue,
  text: string,
  format: DocumentFormat,
): TextEdit | undefined {
  return insertPropertiesEdit(object, [[key, value]], text, format);
}

/**
 * Inserts properties at the end of an object, in one edit, in the object's own style: a JSON
 * object on several lines or on one, a YAML block mapping (keys at the column of its first key,
 * also after "- "), or a YAML flow mapping.
 */
export function insertPropertiesEdit(
  object: ObjectNode,
  entries: readonly [string, EditValue][],
  text: string,
  format: DocumentFormat,
): TextEdit | undefined {
  if (entries.length === 0 || !isEditable(object, text)) return undefined;
  const unit = ' '.repeat(textFacts(text).indentUnit);
  const eol = eolOf(text);
  const flowStyle = text[object.offset] === '{';
  if (format === 'yaml' && !flowStyle) return insertYamlBlock(object, entries, text, unit, eol);
  if (!flowStyle) return undefined;
  const close = object.offset + object.length - 1;
  if (text[close] !== '}') return undefined;
  const last = object.properties[object.properties.length - 1];
  const render = (k: string, v: EditValue, indent: string): string =>
    format === 'yaml'
      ? `${renderKey(k, 'yaml')}: ${renderYamlFlow(v)}`
      : `${JSON.stringify(k)}: ${indent === '' ? renderJsonCompact(v) : renderJsonPretty(v, indent, unit, eol)}`;
  const firstProperty = object.properties[0];
  const multiline =
    format !== 'yaml' &&
    text.slice(object.offset, firstProperty ? firstProperty.offset : close).includes('\n');
  if (!last) {
    if (format !== 'yaml' && multiline) {
      const base = lineIndentAt(text, object.offset);
      const inner = base + unit;
      return {
        offset: object.offset,
        length: object.length,
        newText: `{${eol}${entries.map(([k, v]) => inner + render(k, v, inner)).join(`,${eol}`)}${eol}${base}}`,
      };
    }
    return {
      offset: object.offset,
      length: object.length,
      newText:
        format === 'yaml'
          ? `{${entries.map(([k, v]) => render(k, v, '')).join(', ')}}`
          : `{ ${entries.map(([k, v]) => render(k, v, '')).join(', ')} }`,
    };
  }
  if (!isEditable(last, text)) return undefined;
  const end = last.offset + last.length;
  if (multiline && firstProperty) {
    const before = text.slice(lineStartOf(text, firstProperty.offset), firstProperty.offset);
    const indent = /^[ \t]*$/.test(before) ? before : lineIndentAt(text, object.offset) + unit;
    const added = entries.map(([k, v]) => `${eol}${indent}${render(k, v, indent)}`);
    const afterLast = /^[ \t]*,/.exec(text.slice(end));
    if (afterLast) {
      // JSONC trailing comma: keep the style, each new property ends with a comma too.
      return {
        offset: end + afterLast[0].length,
        length: 0,
        newText: added.map((a) => `${a},`).join(''),
      };
    }
    return { offset: end, length: 0, newText: added.map((a) => `,${a}`).join('') };
  }
  return {
    offset: end,
    length: 0,
    newText: entries.map(([k, v]) => `, ${render(k, v, '')}`).join(''),
  };
}

function insertYamlBlock(
  object: ObjectNode,
  entries: readonly [string, EditValue][],
  text: string,
  unit: string,
  eol: string,
): TextEdit | undefined {
  const anchor = object.properties.find((property) => isEditable(property, text));
  if (!anchor) return undefined;
  const column = anchor.keyNode.offset - lineStartOf(text, anchor.keyNode.offset);
  const indent = ' '.repeat(column);
  let end = anchor.offset;
  for (const property of object.properties) end = Math.max(end, contentEnd(property, text));
  const at = lineTerminatorAt(text, end);
  return {
    offset: at,
    length: 0,
    newText: entries
      .map(
        ([k, v]) =>
          `${eol}${indent}${renderKey(k, 'yaml')}:${renderYamlBlockValue(v, indent, unit, eol)}`,
      )
      .join(''),
  };
}

/**
 * Removes a property with its separator: the comma in JSON and flow mappings, the whole line(s) in
 * a YAML block mapping. A YAML key right after "- " keeps the dash: the next key moves up to it.
 */
export function removePropertyEdit(
  object: ObjectNode,
  property: PropertyNode,
  text: string,
): TextEdit | undefined {
  const index = object.properties.indexOf(property);
  if (index < 0 || !isEditable(property, text) || !isEditable(object, text)) return undefined;
  const previous = object.properties[index - 1];
  const next = object.properties[index + 1];
  if (text[object.offset] === '{') {
    // JSON or a YAML flow mapping: from the previous property's end, or up to the next one.
    if (previous && isEditable(previous, text)) {
      const start = previous.offset + previous.length;
      return { offset: start, length: property.offset + property.length - start, newText: '' };
    }
    if (next && isEditable(next, text))
      return { offset: property.offset, length: next.offset - property.offset, newText: '' };
    const close = object.offset + object.length - 1;
    if (text[close] !== '}') return undefined;
    return { offset: object.offset + 1, length: close - object.offset - 1, newText: '' };
  }
  const lineStart = lineStartOf(text, property.offset);
  const before = text.slice(lineStart, property.offset);
  const end = contentEnd(property, text);
  if (/^[ \t]*$/.test(before)) {
    // Whole lines: from the key's line start to the end of the value's last line.
    const newline = text.indexOf('\n', end);
    const lineEnd = newline === -1 ? text.length : newline + 1;
    return { offset: lineStart, length: lineEnd - lineStart, newText: '' };
  }
  // "- Key: value": keep "- " and pull the next key up to it.
  if (next && isEditable(next, text) && next.offset > end) {
    return { offset: property.offset, length: next.offset - property.offset, newText: '' };
  }
  if (!next) return { offset: property.offset, length: end - property.offset, newText: '{}' };
  return undefined;
}

/** Renames a key, keeping its quoting style. */
export function renameKeyEdit(
  property: PropertyNode,
  newKey: string,
  text: string,
  format: DocumentFormat,
): TextEdit | undefined {
  const key = property.keyNode;
  if (!isEditable(property, text) || key.length === 0) return undefined;
  const raw = text.substr(key.offset, key.length);
  let newText: string;
  if (raw.startsWith('"')) newText = JSON.stringify(newKey);
  else if (raw.startsWith("'")) newText = `'${newKey.replace(/'/g, "''")}'`;
  else newText = renderKey(newKey, format);
  return { offset: key.offset, length: key.length, newText };
}

/** Replaces a value (a scalar keeps its quoting style; collections are written in flow style). */
export function replaceValueEdit(
  node: ValueNode,
  value: EditValue,
  text: string,
  format: DocumentFormat,
): TextEdit | undefined {
  if (!isEditable(node, text) || node.length === 0) return undefined;
  const raw = text.substr(node.offset, node.length);
  const parent = node.parent;
  if (
    format === 'yaml' &&
    (node.type === 'object' || node.type === 'array') &&
    raw[0] !== '{' &&
    raw[0] !== '[' &&
    parent?.type === 'property'
  ) {
    // A block collection under "Key:": replace from the colon to its last line.
    const keyEnd = parent.keyNode.offset + parent.keyNode.length;
    const colon = text.indexOf(':', keyEnd);
    if (colon === -1 || colon >= node.offset) return undefined;
    const keyColumn = parent.keyNode.offset - lineStartOf(text, parent.keyNode.offset);
    const unit = ' '.repeat(textFacts(text).indentUnit);
    return {
      offset: colon + 1,
      length: contentEnd(node, text) - colon - 1,
      newText: renderYamlBlockValue(value, ' '.repeat(keyColumn), unit, eolOf(text)),
    };
  }
  let newText: string;
  if (format !== 'yaml') newText = renderJsonCompact(value);
  else if (!isScalar(value)) newText = renderYamlFlow(value);
  else if (typeof value === 'string' && raw.startsWith('"')) newText = JSON.stringify(value);
  else if (typeof value === 'string' && raw.startsWith("'"))
    newText = `'${value.replace(/'/g, "''")}'`;
  else newText = renderScalar(value, 'yaml');
  return { offset: node.offset, length: node.length, newText };
}

/**
 * The "Change to …" quick fix of a did-you-mean finding: replaces the value with the suggestion,
 * keeping its quoting. None without a suggestion, or where the value cannot be edited safely.
 */
export function changeToFixes(
  node: ValueNode,
  suggestion: string | undefined,
  parsed: ParsedDocument,
): Fix[] {
  if (!suggestion) return [];
  const edit = replaceValueEdit(node, suggestion, parsed.text, parsed.format);
  return edit ? [{ title: `Change to "${suggestion}"`, edits: [edit], isPreferred: true }] : [];
}

/**
 * Appends a scalar item to a list, in the list's own style: after the last item of a JSON or
 * YAML flow list (on a line of its own when the items are), or as a new `- item` line of a YAML
 * block list at the column of the last item's dash.
 */
export function appendItemEdit(
  list: ArrayNode,
  value: string | number | boolean,
  text: string,
  format: DocumentFormat,
): TextEdit | undefined {
  if (!isEditable(list, text) || list.length === 0) return undefined;
  const rendered = format === 'yaml' ? renderScalar(value, 'yaml') : JSON.stringify(value);
  const last = list.items[list.items.length - 1];
  if (text[list.offset] === '[') {
    const close = list.offset + list.length - 1;
    if (text[close] !== ']') return undefined;
    if (!last) return { offset: list.offset, length: list.length, newText: `[${rendered}]` };
    if (!isEditable(last, text)) return undefined;
    const end = contentEnd(last, text);
    const lineStart = lineStartOf(text, last.offset);
    const before = text.slice(lineStart, last.offset);
    if (/^[ \t]*$/.test(before) && lineStart > list.offset) {
      return { offset: end, length: 0, newText: `,${eolOf(text)}${before}${rendered}` };
    }
    return { offset: end, length: 0, newText: `, ${rendered}` };
  }
  if (format !== 'yaml' || !last || !isEditable(last, text)) return undefined;
  const lineStart = lineStartOf(text, last.offset);
  const dash = /^([ \t]*)-[ \t]+$/.exec(text.slice(lineStart, last.offset));
  if (!dash) return undefined;
  return {
    offset: lineTerminatorAt(text, contentEnd(last, text)),
    length: 0,
    newText: `${eolOf(text)}${dash[1] ?? ''}- ${rendered}`,
  };
}
