#!/usr/bin/env node
// Data generator (`npm run generate`).
//
// Reads ONLY the verbatim reference copies in data/source/ and writes the committed, generated
// data the language service, the CLI and generic JSON/YAML tools use:
//
//   data/source/put-remediation-configurations.shapes.json  ─┐
//   data/source/put_remediation_configurations.rst           ─┼─> server/src/languageService/data/apiModel.json
//                                                             └─> schemas/remediation-configurations.schema.json
//   data/source/config-resource-types.json                   ──> server/src/languageService/data/resourceTypes.json
//   data/source/ssm-runbooks.json (notes: ssm-runbooks.md)   ──> server/src/languageService/data/runbooks.json
//
// The shapes (AWS service model) give every constraint; the .rst (the boto3 rendering of the
// API reference) gives every text. The .rst is parsed as an indented rst bullet tree, walked in
// parallel with the shapes, and converted to markdown. The script fails loudly when the two
// sources disagree (a member documented but not modelled, a modelled member without docs, a
// note title it does not know, ...), so a refresh of data/source/ cannot silently lose text.
//
// Output is deterministic (fixed key order, 2-space indent, trailing newline). Files are only
// rewritten when their content changes.
//
// Usage:
//   node scripts/generate-data.mjs           write the outputs
//   node scripts/generate-data.mjs --check   write nothing; exit 1 if any output on disk differs
//                                            from what would be generated (CI / tests)
//
// The types of the JSON outputs are in server/src/languageService/data/types.ts.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_DIR = 'data/source';
const DATA_DIR = 'server/src/languageService/data';

const SHAPES_FILE = `${SOURCE_DIR}/put-remediation-configurations.shapes.json`;
const RST_FILE = `${SOURCE_DIR}/put_remediation_configurations.rst`;
const RESOURCE_TYPES_FILE = `${SOURCE_DIR}/config-resource-types.json`;
const RUNBOOKS_FILE = `${SOURCE_DIR}/ssm-runbooks.json`;
const RUNBOOKS_NOTES_FILE = `${SOURCE_DIR}/ssm-runbooks.md`;

const ROOT_SHAPE = 'PutRemediationConfigurationsRequest';
const SCHEMA_ID =
  'https://aws-config-remediation.dev/schemas/remediation-configurations.schema.json';

/** Stable ids of the operation's `.. note::` blocks, by their bold title. */
const NOTE_IDS = {
  'Be aware of backward incompatible changes': 'backward-incompatible-changes',
  'Required fields': 'required-fields',
  'Auto remediation can be initiated even for compliant resources': 'stale-compliance-data',
};

/** Which operation notes concern which member (doc path → note ids, in display order). */
const MEMBER_NOTES = {
  'RemediationConfigurations.TargetId': ['backward-incompatible-changes'],
  'RemediationConfigurations.TargetVersion': ['backward-incompatible-changes'],
  'RemediationConfigurations.Parameters': ['required-fields'],
  'RemediationConfigurations.Automatic': ['required-fields', 'stale-compliance-data'],
};

/** Keys of an ApiShape (types.ts). Anything else in the model is dropped or rejected. */
const SHAPE_KEYS = [
  'type',
  'required',
  'members',
  'member',
  'key',
  'value',
  'min',
  'max',
  'pattern',
  'enum',
];
/** Model keys that carry no meaning for a JSON/YAML request file and are dropped. */
const DROPPED_SHAPE_KEYS = ['box'];

/** rst placeholder type → shape types it may document. */
const RST_TYPES = {
  dict: ['structure', 'map'],
  list: ['list'],
  string: ['string'],
  integer: ['integer', 'long'],
  boolean: ['boolean'],
};

// ─────────────────────────────────────────────────────────────────────────────────── helpers ──

function fail(message) {
  throw new Error(`generate-data: ${message}`);
}

function assert(condition, message) {
  if (!condition) fail(message);
}

function readText(file) {
  return readFileSync(join(ROOT, file), 'utf8').replace(/\r\n?/g, '\n');
}

function readJson(file) {
  return JSON.parse(readText(file));
}

/** Code-unit order: independent of locale and ICU version. */
function compareStrings(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toJson(value) {
  return `${JSON.stringify(value, null, 2)}\n`;
}

// ───────────────────────────────────────────────────────────────────────────── rst → markdown ──

/** Converts rst inline markup of one paragraph to markdown. */
function inlineToMarkdown(text) {
  let s = text;
  // The required-ness comes from the shapes, never from the text.
  s = s.replace(/\s*\*\*\[REQUIRED\]\*\*\s*/g, ' ');
  // `text <url>`__ / `text <url>`_  →  [text](url)
  s = s.replace(/`([^`<]+?)\s*<([^>`]+)>`__?/g, (_m, label, url) => `[${label.trim()}](${url})`);
  // :role:`x`  →  `x`
  s = s.replace(/:[a-z]+(?::[a-z]+)?:`~?([^`]+)`/g, (_m, x) => `\`${x}\``);
  // ``literal``  →  `literal` (the API text sometimes glues a word to it: ``assumeRole``field).
  s = s.replace(/``([^`]+?)``(?=(\w?))/g, (_m, x, next) => `\`${x}\`${next ? ' ' : ''}`);
  return s.replace(/\s+/g, ' ').trim();
}

/** Markdown → plain text, for JSON Schema `description`. */
function markdownToPlain(markdown) {
  return markdown
    .split('\n')
    .map((line) => line.replace(/^> ?/, ''))
    .join('\n')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function blockquote(markdown) {
  return markdown
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}

// ─────────────────────────────────────────────────────────────────────────── rst block parser ──

/**
 * A tiny parser for the subset of rst the boto3 docs use, driven by indentation:
 *   { kind: 'para', text }                   paragraph (lines joined)
 *   { kind: 'note', children }               `.. note::` directive
 *   { kind: 'bullet', head, children }       `- head` list item
 *   { kind: 'field', name, arg, text, children }   `:param X: text` field
 *   { kind: 'literal' }                      `::` literal block (content skipped)
 * Lines of only whitespace are paragraph breaks and never end a block.
 */
function parseBlocks(lines, start, end) {
  const blocks = [];
  const indentOf = (line) => line.length - line.trimStart().length;
  const isBlank = (line) => line.trim() === '';
  /** First index >= from whose non-blank line is indented <= indent (the end of a block). */
  const blockEnd = (from, indent) => {
    let j = from;
    while (j < end && (isBlank(lines[j]) || indentOf(lines[j]) > indent)) j++;
    return j;
  };
  const isBlockStart = (trimmed) =>
    trimmed.startsWith('- ') ||
    trimmed === '-' ||
    trimmed.startsWith('.. ') ||
    trimmed === '::' ||
    /^:[^:]+:/.test(trimmed);

  let i = start;
  while (i < end) {
    const line = lines[i];
    if (isBlank(line)) {
      i++;
      continue;
    }
    const indent = indentOf(line);
    const trimmed = line.trim();
    if (trimmed.startsWith('- ') || trimmed === '-') {
      const j = blockEnd(i + 1, indent);
      blocks.push({
        kind: 'bullet',
        head: trimmed.slice(1).trim(),
        children: parseBlocks(lines, i + 1, j),
      });
      i = j;
    } else if (/^\.\. note::/.test(trimmed)) {
      const j = blockEnd(i + 1, indent);
      const rest = trimmed.replace(/^\.\. note::/, '').trim();
      const children = parseBlocks(lines, i + 1, j);
      if (rest) children.unshift({ kind: 'para', text: rest });
      blocks.push({ kind: 'note', children });
      i = j;
    } else if (trimmed.startsWith('.. ')) {
      // Any other directive (e.g. py:method): its body is what matters.
      const j = blockEnd(i + 1, indent);
      blocks.push({ kind: 'directive', head: trimmed, children: parseBlocks(lines, i + 1, j) });
      i = j;
    } else if (trimmed === '::') {
      const j = blockEnd(i + 1, indent);
      blocks.push({ kind: 'literal' });
      i = j;
    } else if (/^:[^:]+:/.test(trimmed)) {
      const m = /^:(\w+)(?:\s+([^:]+))?:\s*(.*)$/.exec(trimmed);
      assert(m, `${RST_FILE}:${i + 1}: cannot parse field "${trimmed}"`);
      const j = blockEnd(i + 1, indent);
      blocks.push({
        kind: 'field',
        name: m[1],
        arg: m[2] ?? '',
        text: m[3],
        children: parseBlocks(lines, i + 1, j),
      });
      i = j;
    } else {
      const parts = [trimmed];
      i++;
      while (i < end && !isBlank(lines[i]) && !isBlockStart(lines[i].trim())) {
        parts.push(lines[i].trim());
        i++;
      }
      blocks.push({ kind: 'para', text: parts.join(' ') });
    }
  }
  return blocks;
}

/** Markdown of the text blocks (paragraphs and notes) of a block list; bullets are ignored. */
function textBlocksToMarkdown(blocks) {
  const out = [];
  for (const block of blocks) {
    if (block.kind === 'para') {
      const md = inlineToMarkdown(block.text);
      if (md) out.push(md);
    } else if (block.kind === 'note') {
      const inner = textBlocksToMarkdown(block.children);
      assert(inner, 'empty .. note:: block');
      out.push(blockquote(`**Note:** ${inner}`));
    } else if (block.kind === 'bullet' || block.kind === 'literal') {
      // handled by the caller / no text
    } else {
      fail(`unexpected rst block "${block.kind}" in a description`);
    }
  }
  return out.join('\n\n');
}

// ────────────────────────────────────────────────────────────────────────────── the .rst docs ──

function parseBullet(head) {
  const m = /^(?:\*\*(\w+)\*\*\s+)?\*\((\w+)\)\s*--\*\s*(.*)$/.exec(head);
  assert(m, `cannot parse rst list item "- ${head}"`);
  return { name: m[1] ?? null, rstType: m[2], inlineText: m[3] };
}

function parseDocs(shapes) {
  const lines = readText(RST_FILE).split('\n');
  const top = parseBlocks(lines, 0, lines.length);
  const method = top.find((b) => b.kind === 'directive' && b.head.startsWith('.. py:method::'));
  assert(method, `${RST_FILE}: no ".. py:method::" directive`);

  // Operation description: the paragraphs before the request syntax, without notes or "See also".
  const description = [];
  const notes = [];
  for (const block of method.children) {
    if (block.kind === 'para' && /^\*\*Request Syntax\*\*$/.test(block.text.trim())) break;
    if (block.kind === 'para') {
      if (/^See also:/.test(block.text.trim())) continue;
      description.push(block);
    } else if (block.kind === 'note') {
      const [first, ...rest] = block.children;
      const titleMatch = first?.kind === 'para' ? /^\*\*(.+)\*\*$/.exec(first.text.trim()) : null;
      assert(titleMatch, 'an operation .. note:: does not start with a bold title');
      const title = titleMatch[1].trim();
      const id = NOTE_IDS[title];
      assert(id, `unknown operation note title "${title}": add it to NOTE_IDS`);
      const markdown = textBlocksToMarkdown(rest);
      assert(markdown, `operation note "${title}" has no text`);
      notes.push({ id, title, markdown });
    }
  }
  const operationDocumentation = textBlocksToMarkdown(description);
  assert(operationDocumentation, 'empty operation description');
  assert(
    notes.length === Object.keys(NOTE_IDS).length,
    `expected ${Object.keys(NOTE_IDS).length} operation notes, found ${notes.length}`,
  );

  // Request members: the :param fields of the method (the response part is under :returns:).
  const members = new Map();
  const rootShape = shapes[ROOT_SHAPE];
  const params = method.children.filter((b) => b.kind === 'field' && b.name === 'param');
  assert(params.length > 0, `${RST_FILE}: no :param fields`);
  for (const param of params) {
    const name = param.arg.trim();
    const ref = rootShape.members?.[name];
    assert(ref, `${RST_FILE}: :param ${name} is not a member of ${ROOT_SHAPE}`);
    const children = [
      ...(param.text ? [{ kind: 'para', text: param.text }] : []),
      ...param.children,
    ];
    documentShape(children, ref.shape, name, shapes, members);
  }
  return { operationDocumentation, notes, members };
}

/**
 * Records the documentation of `path` (of shape `shapeName`) from its rst blocks and recurses
 * into the nested bullets, walking the shapes alongside.
 */
function documentShape(blocks, shapeName, path, shapes, members) {
  const shape = shapes[shapeName];
  assert(shape, `unknown shape ${shapeName}`);
  const bullets = blocks
    .filter((b) => b.kind === 'bullet')
    .map((b) => ({ ...b, ...parseBullet(b.head) }));
  const own = textBlocksToMarkdown(blocks);
  const extra = [];
  const bulletText = (bullet) =>
    textBlocksToMarkdown([
      ...(bullet.inlineText ? [{ kind: 'para', text: bullet.inlineText }] : []),
      ...bullet.children,
    ]);
  const checkType = (bullet, shapeOf, what) => {
    const allowed = RST_TYPES[bullet.rstType];
    assert(allowed, `${path}: unknown rst type "(${bullet.rstType})"`);
    assert(
      allowed.includes(shapes[shapeOf].type),
      `${what}: the docs say (${bullet.rstType}), the shape ${shapeOf} is a ${shapes[shapeOf].type}`,
    );
  };

  if (shape.type === 'structure') {
    for (const bullet of bullets) {
      assert(bullet.name, `${path}: unnamed list item in structure ${shapeName}`);
      const ref = shape.members?.[bullet.name];
      assert(ref, `${path}.${bullet.name} is documented but is not a member of ${shapeName}`);
      checkType(bullet, ref.shape, `${path}.${bullet.name}`);
      documentShape(
        [
          ...(bullet.inlineText ? [{ kind: 'para', text: bullet.inlineText }] : []),
          ...bullet.children,
        ],
        ref.shape,
        `${path}.${bullet.name}`,
        shapes,
        members,
      );
    }
  } else if (shape.type === 'list') {
    // List items are transparent: the item's members are documented under the list's path.
    assert(bullets.length <= 1, `${path}: more than one item placeholder`);
    const [item] = bullets;
    if (item) {
      assert(!item.name, `${path}: named item placeholder`);
      checkType(item, shape.member.shape, `${path}[]`);
      const itemText = bulletText(item);
      if (itemText) extra.push(`**Items:** ${itemText}`);
      recordMembersOf(item.children, shape.member.shape, path, shapes, members);
    }
  } else if (shape.type === 'map') {
    assert(bullets.length <= 2, `${path}: unexpected map placeholders`);
    const [key, siblingValue] = bullets;
    if (key) {
      assert(!key.name, `${path}: named map key placeholder`);
      checkType(key, shape.key.shape, `${path} (key)`);
      // boto3 nests the value placeholder in the key placeholder; accept both layouts.
      const nested = key.children
        .filter((b) => b.kind === 'bullet')
        .map((b) => ({ ...b, ...parseBullet(b.head) }));
      assert(!(siblingValue && nested.length), `${path}: two map value placeholders`);
      const value = siblingValue ?? nested[0];
      assert(nested.length <= 1, `${path}: more than one map value placeholder`);
      const keyText = bulletText(key);
      if (keyText) extra.push(`**Keys:** ${keyText}`);
      if (value) {
        assert(!value.name, `${path}: named map value placeholder`);
        checkType(value, shape.value.shape, `${path}.*`);
        documentShape(
          [
            ...(value.inlineText ? [{ kind: 'para', text: value.inlineText }] : []),
            ...value.children,
          ],
          shape.value.shape,
          `${path}.*`,
          shapes,
          members,
        );
      }
    }
  } else {
    assert(bullets.length === 0, `${path}: list items under scalar shape ${shapeName}`);
  }

  const documentation = [own, ...extra].filter(Boolean).join('\n\n');
  if (documentation || !members.has(path)) {
    assert(!members.has(path), `${path} is documented twice`);
    members.set(path, documentation);
  }
}

/** The members of a list item: recurse as if the item's blocks belonged to the list's path. */
function recordMembersOf(blocks, shapeName, path, shapes, members) {
  const shape = shapes[shapeName];
  if (shape.type === 'structure' || shape.type === 'list' || shape.type === 'map') {
    const sub = new Map();
    documentShape(
      blocks.filter((b) => b.kind === 'bullet'),
      shapeName,
      path,
      shapes,
      sub,
    );
    for (const [p, doc] of sub) {
      if (p === path) continue; // the item's own text was already folded into the list's doc
      assert(!members.has(p), `${p} is documented twice`);
      members.set(p, doc);
    }
  }
}

// ──────────────────────────────────────────────────────────────────────────────────── shapes ──

function cleanShapes(rawShapes) {
  const shapes = {};
  for (const [name, raw] of Object.entries(rawShapes)) {
    const shape = {};
    for (const key of Object.keys(raw)) {
      if (DROPPED_SHAPE_KEYS.includes(key)) continue;
      assert(
        SHAPE_KEYS.includes(key),
        `shape ${name} has key "${key}" that ApiShape (types.ts) does not know`,
      );
      shape[key] = raw[key];
    }
    assert(
      ['structure', 'list', 'map', 'string', 'integer', 'long', 'boolean'].includes(shape.type),
      `shape ${name} has unsupported type ${shape.type}`,
    );
    shapes[name] = shape;
  }
  for (const [name, shape] of Object.entries(shapes)) {
    const refs = [
      ...Object.values(shape.members ?? {}),
      ...(shape.member ? [shape.member] : []),
      ...(shape.key ? [shape.key] : []),
      ...(shape.value ? [shape.value] : []),
    ];
    for (const ref of refs)
      assert(shapes[ref.shape], `shape ${name} refers to unknown shape ${ref.shape}`);
    for (const req of shape.required ?? []) {
      assert(shape.members?.[req], `shape ${name} requires unknown member ${req}`);
    }
  }
  return shapes;
}

/** Every doc path of the request, in model order: [path, shapeName][]. */
function memberPaths(shapes) {
  const out = [];
  const visit = (shapeName, path, stack) => {
    assert(!stack.includes(shapeName), `recursive shape ${shapeName} at ${path}`);
    const shape = shapes[shapeName];
    const next = [...stack, shapeName];
    if (shape.type === 'structure') {
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const p = path ? `${path}.${name}` : name;
        out.push([p, ref.shape]);
        visit(ref.shape, p, next);
      }
    } else if (shape.type === 'list') {
      visit(shape.member.shape, path, next);
    } else if (shape.type === 'map') {
      out.push([`${path}.*`, shape.value.shape]);
      visit(shape.value.shape, `${path}.*`, next);
    }
  };
  visit(ROOT_SHAPE, '', []);
  return out;
}

// ─────────────────────────────────────────────────────────────────────────────────── apiModel ──

function stateDefault(markdown) {
  // "The default value is 10.", "the default is 50%", "the default is 5.", "the default is 60 seconds."
  const m = /\bdefault(?: value)? is (\d+)(?:%|\s+seconds?\b)?/i.exec(markdown);
  return m ? Number(m[1]) : undefined;
}

function buildApiModel() {
  const source = readJson(SHAPES_FILE);
  assert(source.metadata?.apiVersion, `${SHAPES_FILE}: no metadata.apiVersion`);
  assert(source.operation, `${SHAPES_FILE}: no operation`);
  const shapes = cleanShapes(source.shapes);
  assert(shapes[ROOT_SHAPE]?.type === 'structure', `${SHAPES_FILE}: no structure ${ROOT_SHAPE}`);

  const docs = parseDocs(shapes);
  const paths = memberPaths(shapes);
  const known = new Set(paths.map(([p]) => p));
  for (const p of docs.members.keys())
    assert(known.has(p), `documented path ${p} is not in the shapes`);
  const missing = paths.map(([p]) => p).filter((p) => !docs.members.get(p));
  assert(
    missing.length === 0,
    `members without documentation in ${RST_FILE}: ${missing.join(', ')}`,
  );
  const noteIds = new Set(docs.notes.map((n) => n.id));
  for (const [p, ids] of Object.entries(MEMBER_NOTES)) {
    assert(known.has(p), `MEMBER_NOTES names unknown path ${p}`);
    for (const id of ids) assert(noteIds.has(id), `MEMBER_NOTES names unknown note ${id}`);
  }

  const members = {};
  for (const [p] of paths) {
    const documentation = docs.members.get(p);
    const entry = { documentation };
    const dflt = stateDefault(documentation);
    if (dflt !== undefined) entry.default = dflt;
    if (MEMBER_NOTES[p]) entry.notes = [...MEMBER_NOTES[p]];
    members[p] = entry;
  }

  return {
    source: `${RST_FILE} (documentation), ${SHAPES_FILE} (shapes)`,
    apiVersion: source.metadata.apiVersion,
    operation: source.operation,
    rootShape: ROOT_SHAPE,
    errors: [...source.errors],
    shapes,
    operationDocumentation: docs.operationDocumentation,
    notes: docs.notes,
    members,
  };
}

// ───────────────────────────────────────────────────────────────────────────── resource types ──

function buildResourceTypes() {
  const source = readJson(RESOURCE_TYPES_FILE);
  assert(Array.isArray(source.resourceTypes), `${RESOURCE_TYPES_FILE}: no resourceTypes list`);
  for (const t of source.resourceTypes) {
    assert(
      typeof t === 'string' && /^AWS::\w+::\w+$/.test(t),
      `${RESOURCE_TYPES_FILE}: odd resource type ${t}`,
    );
  }
  return {
    source: RESOURCE_TYPES_FILE,
    resourceTypes: [...new Set(source.resourceTypes)].sort(compareStrings),
  };
}

// ─────────────────────────────────────────────────────────────────────────────────── runbooks ──

function buildRunbooks() {
  const source = readJson(RUNBOOKS_FILE);
  assert(Array.isArray(source), `${RUNBOOKS_FILE}: expected a list of runbooks`);
  const seen = new Set();
  const runbooks = source.map((rb) => {
    assert(typeof rb.name === 'string' && rb.name, `${RUNBOOKS_FILE}: runbook without name`);
    assert(!seen.has(rb.name), `${RUNBOOKS_FILE}: duplicate runbook ${rb.name}`);
    seen.add(rb.name);
    assert(typeof rb.description === 'string', `${rb.name}: no description`);
    assert(Array.isArray(rb.parameters), `${rb.name}: no parameters`);
    const parameters = rb.parameters.map((p) => {
      assert(
        typeof p.name === 'string' && typeof p.type === 'string',
        `${rb.name}: parameter without name/type`,
      );
      assert(typeof p.required === 'boolean', `${rb.name}.${p.name}: required is not a boolean`);
      const out = { name: p.name, type: p.type, required: p.required };
      if ('default' in p) out.default = p.default;
      if ('allowedValues' in p) out.allowedValues = p.allowedValues;
      if ('allowedPattern' in p) out.allowedPattern = p.allowedPattern;
      return out;
    });
    const names = new Set(parameters.map((p) => p.name));
    assert(names.size === parameters.length, `${rb.name}: duplicate parameter names`);
    const resourceIdParameter = rb.resourceIdParameter ?? null;
    assert(
      resourceIdParameter === null || names.has(resourceIdParameter),
      `${rb.name}: resourceIdParameter ${resourceIdParameter} is not a parameter`,
    );
    const out = {
      name: rb.name,
      description: rb.description,
      resourceType: rb.resourceType ?? null,
      resourceIdParameter,
      managedRules: [...(rb.managedRules ?? [])],
      parameters,
    };
    const docUrl = (rb.sources ?? []).find((s) => s.startsWith('https://docs.aws.amazon.com/'));
    if (docUrl) out.docUrl = docUrl;
    return out;
  });
  runbooks.sort((a, b) => compareStrings(a.name, b.name));
  return {
    source: `${RUNBOOKS_FILE} (how it was gathered and how sure each field is: ${RUNBOOKS_NOTES_FILE})`,
    runbooks,
  };
}

// ──────────────────────────────────────────────────────────────────────────────── JSON Schema ──

function buildSchema(apiModel) {
  const { shapes, members, notes } = apiModel;
  const noteById = new Map(notes.map((n) => [n.id, n]));
  const definitions = {};
  const reachable = [];
  const collect = (shapeName) => {
    if (reachable.includes(shapeName)) return;
    reachable.push(shapeName);
    const s = shapes[shapeName];
    for (const ref of Object.values(s.members ?? {})) collect(ref.shape);
    if (s.member) collect(s.member.shape);
    if (s.value) collect(s.value.shape);
  };
  collect(ROOT_SHAPE);

  const ref = (shapeName) => ({ $ref: `#/definitions/${shapeName}` });

  /** The schema of a member: its docs and default, plus the shape by reference. */
  const memberSchema = (path, shapeName, extraMarkdown = []) => {
    const doc = members[path];
    assert(doc, `no docs for ${path}`);
    const parts = [doc.documentation, ...extraMarkdown];
    for (const id of doc.notes ?? []) {
      const note = noteById.get(id);
      parts.push(blockquote(`**${note.title}**\n\n${note.markdown}`));
    }
    const markdown = parts.join('\n\n');
    // A title per member: yaml-language-server otherwise heads every hover with the root title.
    const last = path.split('.').pop();
    const out = {
      title: last === '*' ? shapeName : last,
      description: markdownToPlain(markdown),
      markdownDescription: markdown,
    };
    if (doc.default !== undefined) out.default = doc.default;
    // allOf keeps the member's own description next to the shared shape (plain $ref siblings
    // are ignored by draft-07).
    out.allOf = [ref(shapeName)];
    return out;
  };

  const shapeSchema = (shapeName, path) => {
    const s = shapes[shapeName];
    switch (s.type) {
      case 'structure': {
        const properties = {};
        for (const [name, m] of Object.entries(s.members ?? {})) {
          const p = path ? `${path}.${name}` : name;
          const extra = [];
          if (
            shapes[m.shape].type === 'list' &&
            shapes[m.shape].max !== undefined &&
            p === 'RemediationConfigurations'
          ) {
            extra.push(
              `The API accepts at most ${shapes[m.shape].max} remediation configurations per call; ` +
                `longer lists have to be sent in batches of ${shapes[m.shape].max}.`,
            );
          }
          properties[name] = memberSchema(p, m.shape, extra);
        }
        const out = { type: 'object' };
        if (s.required?.length) out.required = [...s.required];
        out.properties = properties;
        out.additionalProperties = false;
        if (shapeName === 'RemediationParameterValue') {
          // "You must select either a dynamic value or a static value."
          out.oneOf = Object.keys(s.members).map((name) => ({ required: [name] }));
        }
        return out;
      }
      case 'list': {
        const out = { type: 'array' };
        if (s.min) out.minItems = s.min;
        // RemediationConfigurations: more than 25 is only a warning (the tools batch), no maxItems.
        if (s.max !== undefined && shapeName !== 'RemediationConfigurations') out.maxItems = s.max;
        out.items = ref(s.member.shape);
        return out;
      }
      case 'map': {
        const key = shapes[s.key.shape];
        assert(key.type === 'string', `map ${shapeName} has non-string keys`);
        const propertyNames = {};
        if (key.min) propertyNames.minLength = key.min;
        if (key.max !== undefined) propertyNames.maxLength = key.max;
        if (key.pattern) propertyNames.pattern = key.pattern;
        const out = { type: 'object' };
        if (s.min) out.minProperties = s.min;
        if (s.max !== undefined) out.maxProperties = s.max;
        out.propertyNames = propertyNames;
        out.additionalProperties = memberSchema(`${path}.*`, s.value.shape);
        return out;
      }
      case 'string': {
        const out = { type: 'string' };
        if (s.enum) out.enum = [...s.enum];
        if (s.min) out.minLength = s.min;
        if (s.max !== undefined) out.maxLength = s.max;
        if (s.pattern) out.pattern = s.pattern;
        return out;
      }
      case 'integer':
      case 'long': {
        const out = { type: 'integer' };
        if (s.min !== undefined) out.minimum = s.min;
        if (s.max !== undefined) out.maximum = s.max;
        return out;
      }
      case 'boolean':
        return { type: 'boolean' };
      default:
        return fail(`shape ${shapeName}: unsupported type ${s.type}`);
    }
  };

  // A shape's definition must not depend on where it is used, so every structure and map shape
  // has to occur at exactly one doc path (true for this API; checked here).
  const pathsOf = new Map();
  const visit = (shapeName, path) => {
    if (!pathsOf.has(shapeName)) pathsOf.set(shapeName, new Set());
    pathsOf.get(shapeName).add(path);
    const s = shapes[shapeName];
    for (const [name, m] of Object.entries(s.members ?? {}))
      visit(m.shape, path ? `${path}.${name}` : name);
    if (s.member) visit(s.member.shape, path);
    if (s.value) visit(s.value.shape, `${path}.*`);
  };
  visit(ROOT_SHAPE, '');
  const pathOfShape = (shapeName) => {
    const s = shapes[shapeName];
    if (s.type !== 'structure' && s.type !== 'map') return '';
    const paths = [...pathsOf.get(shapeName)];
    assert(paths.length === 1, `shape ${shapeName} is used at several paths: ${paths.join(', ')}`);
    return paths[0];
  };
  for (const shapeName of [...reachable].sort(compareStrings)) {
    if (shapeName === ROOT_SHAPE) continue;
    definitions[shapeName] = shapeSchema(shapeName, pathOfShape(shapeName));
  }

  const opMarkdown = [
    `Input of \`aws configservice put-remediation-configurations --cli-input-json\` / \`--cli-input-yaml\` ` +
      `(AWS Config API ${apiModel.operation}, version ${apiModel.apiVersion}).`,
    apiModel.operationDocumentation,
  ].join('\n\n');
  const root = shapeSchema(ROOT_SHAPE, '');
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'AWS Config remediation configurations',
    description: markdownToPlain(opMarkdown),
    markdownDescription: opMarkdown,
    ...root,
    definitions,
  };
}

// ─────────────────────────────────────────────────────────────────────────────────────── main ──

function main() {
  const check = process.argv.includes('--check');
  const apiModel = buildApiModel();
  const outputs = [
    [`${DATA_DIR}/apiModel.json`, toJson(apiModel)],
    [`${DATA_DIR}/resourceTypes.json`, toJson(buildResourceTypes())],
    [`${DATA_DIR}/runbooks.json`, toJson(buildRunbooks())],
    ['schemas/remediation-configurations.schema.json', toJson(buildSchema(apiModel))],
  ];

  let stale = 0;
  for (const [file, content] of outputs) {
    const abs = join(ROOT, file);
    const current = existsSync(abs) ? readFileSync(abs, 'utf8') : null;
    if (current === content) {
      if (!check) console.log(`unchanged ${file}`);
      continue;
    }
    if (check) {
      stale++;
      console.error(`${current === null ? 'missing' : 'out of date'}: ${file}`);
    } else {
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, content);
      console.log(`wrote     ${relative(ROOT, abs)}`);
    }
  }
  if (check) {
    if (stale) {
      console.error(
        `${stale} generated file(s) differ from data/source/; run: node scripts/generate-data.mjs`,
      );
      process.exitCode = 1;
    } else {
      console.log('generated data is up to date');
    }
  }
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 2;
}
