import type { ApiModel, ShapeLocation } from '../model/apiModel';
import { CONFIGURATIONS_DOC_PATH, isOutputOnlyMember, memberLabel } from '../model/apiModel';
import type { ParsedDocument } from '../model/ast';
import type { AccountFacts } from '../../../../common/src/accountFacts';
import type { KindAdapter, ResolvePath } from '../model/document';
import { requestPath } from '../model/layout';
import type { RunbookCatalog } from '../model/catalog';
import type { CompletionItem } from '../model/serviceTypes';
import type { CursorContext } from './cursorContext';
import { CompletionText, documentIndentUnit } from './window';
import {
  configurationSkeletonJson,
  configurationSkeletonYaml,
  escapeSnippet,
  requestSkeletonJson,
  requestSkeletonYaml,
  indentLines,
  parameterSkeleton,
  valueSnippet,
} from './snippets';
import { describeShape } from '../hover/shapeSummary';
import { scopedResourceTypes } from './account';

/** Everything a completion contributor may look at. */
export interface CompletionRequest {
  parsed: ParsedDocument;
  offset: number;
  cursor: CursorContext;
  /** The shape at the cursor: the container (key/item) or the member (value). */
  location: ShapeLocation;
  model: ApiModel;
  catalog: RunbookCatalog;
  resourceTypes: readonly string[];
  account?: AccountFacts;
  /** Indentation unit of the document ("  "). */
  unit: string;
  /** Leading whitespace of the cursor line (JSON continuation lines). */
  lineIndent: string;
  /** Key position where a colon already follows the word: complete the key alone. */
  colonFollows: boolean;
  /** Config rule names to offer as the ConfigRuleName choice in skeletons (read on first use). */
  ruleNames: () => readonly string[];
}

/** Adds items for a situation the generic completion does not know (runbooks, account rules). */
export type CompletionContributor = (request: CompletionRequest) => CompletionItem[];

export interface CompletionDeps {
  model: ApiModel;
  catalog: RunbookCatalog;
  resourceTypes: readonly string[];
  adapter: KindAdapter & { resolvePath?: ResolvePath };
  account?: AccountFacts;
  contributors?: readonly CompletionContributor[];
  /** Config rule names known outside the document (the other open files); read on first use. */
  ruleNames?: () => readonly string[];
}

/** Completion at an offset. Never throws; returns [] where nothing fits. */
export function complete(
  parsed: ParsedDocument,
  offset: number,
  deps: CompletionDeps,
): CompletionItem[] {
  // Inside a configuration, only its text is read (window.ts): fast in large documents.
  const text = new CompletionText(parsed, offset, !deps.adapter.resolvePath);
  let ruleNames: readonly string[] | undefined;
  const knownRuleNames = (): readonly string[] =>
    (ruleNames ??= [
      ...(deps.account?.configRules ?? []).map((rule) => rule.name),
      ...safeRuleNames(deps.ruleNames),
    ]);
  const blank = !deps.adapter.resolvePath && isBlankDocument(parsed);
  if (blank && parsed.format !== 'yaml') {
    // An empty JSON file: the whole request, ready to fill in.
    return [
      requestSkeletonItem(
        indentLines(requestSkeletonJson('  ', true, knownRuleNames()), ''),
        { offset, length: 0 },
        deps.model,
      ),
    ];
  }
  const cursor = text.cursor();
  if (!cursor) return [];
  const resolve: ResolvePath =
    deps.adapter.resolvePath ??
    ((path, model) => model.resolve(model.rootLocation(), requestPath(path, cursor.position)));
  const location = resolve(cursor.path, deps.model, parsed);
  if (!location) return [];
  const lineStart = text.lineStart(offset);
  const request: CompletionRequest = {
    parsed,
    offset,
    cursor,
    location,
    model: deps.model,
    catalog: deps.catalog,
    resourceTypes: deps.resourceTypes,
    account: deps.account,
    unit: ' '.repeat(documentIndentUnit(parsed)),
    lineIndent: /^[ \t]*/.exec(text.from(lineStart))?.[0] ?? '',
    colonFollows:
      cursor.position === 'key' &&
      /^[ \t]*:/.test(text.from(cursor.replace.offset + cursor.replace.length)),
    ruleNames: knownRuleNames,
  };
  const items: CompletionItem[] = [];
  if (blank && cursor.position === 'key' && cursor.column === 0) {
    items.push(
      requestSkeletonItem(
        indentLines(requestSkeletonYaml(request.unit, knownRuleNames()), ''),
        cursor.replace,
        deps.model,
      ),
    );
  }
  const root = parsed.roots[0];
  if (
    !deps.adapter.resolvePath &&
    parsed.format !== 'yaml' &&
    cursor.position === 'key' &&
    location.docPath === '' &&
    root?.type === 'object' &&
    root.properties.length === 0
  ) {
    // Inside the empty object of a new JSON file: the request's content.
    items.push(
      requestSkeletonItem(
        indentLines(requestSkeletonJson(request.unit, false, knownRuleNames()), request.lineIndent),
        cursor.replace,
        deps.model,
      ),
    );
  }
  if (cursor.position === 'key') {
    if (location.shape.type === 'list') items.push(...itemCompletions(request));
    else items.push(...keyCompletions(request));
  } else if (cursor.position === 'item') {
    items.push(...itemCompletions(request));
  } else {
    items.push(...valueCompletions(request));
  }
  if (
    parsed.format === 'yaml' &&
    cursor.position === 'value' &&
    text.slice(cursor.replace.offset - 1, cursor.replace.offset) === ':'
  ) {
    // "Key:|" — YAML needs a space between the colon and the value.
    for (const item of items) item.insertText = ` ${item.insertText}`;
  }
  for (const contributor of deps.contributors ?? []) {
    try {
      items.push(...contributor(request));
    } catch {
      // A contributor bug must not take the other items away.
    }
  }
  return items;
}

function keyCompletions(request: CompletionRequest): CompletionItem[] {
  const { location, cursor, model, parsed } = request;
  const items: CompletionItem[] = [];
  if (location.shape.type === 'map') {
    for (const kind of ['static', 'resource'] as const) {
      const lines = parameterSkeleton(kind, parsed.format, request.unit);
      items.push({
        label: kind === 'static' ? 'New parameter (StaticValue)' : 'New parameter (ResourceValue)',
        kind: 'snippet',
        detail: kind === 'static' ? 'Fixed values' : 'The resource ID at run time',
        documentation: model.memberDoc(`${location.docPath}.*`)?.documentation,
        insertText: finishKeyInsert(request, indentLines(lines, indentFor(request))),
        isSnippet: true,
        range: cursor.replace,
        filterText: cursor.quoted ? `"${cursor.prefix}` : cursor.prefix,
        sortText: '9',
      });
    }
    return items;
  }
  if (location.shape.type !== 'structure') return items;
  const childIndent = indentFor(request) + request.unit;
  for (const name of model.memberNames(location)) {
    if (cursor.existingKeys.has(name)) continue;
    const member = model.member(location, name);
    if (!member) continue;
    const doc = model.memberDoc(member.docPath);
    const required = model.isRequired(location, name);
    const value = valueSnippet(member.shape, parsed.format, childIndent, doc?.default);
    const keyText = parsed.format === 'yaml' ? `${name}: ` : `"${name}": `;
    const insert = request.colonFollows
      ? keyText.trimEnd().replace(/:$/, '')
      : parsed.format === 'yaml' && value.startsWith('\n')
        ? `${name}:${value}`
        : keyText + value;
    const outputOnly = isOutputOnlyMember(name);
    items.push({
      label: name,
      kind: 'property',
      detail: `${describeShape(member.shape)}${required ? ' · required' : ''}${outputOnly ? ' · returned by the service' : ''}`,
      documentation: doc?.documentation,
      insertText: finishKeyInsert(request, insert),
      isSnippet: true,
      range: cursor.replace,
      filterText: cursor.quoted ? `"${name}"` : name,
      sortText: `${required ? '0' : outputOnly ? '8' : '1'}${String(model.memberNames(location).indexOf(name)).padStart(2, '0')}`,
      ...(location.docPath === '' && name === CONFIGURATIONS_DOC_PATH
        ? // The one key of a request: what comes next (a configuration) is offered at once.
          { preselect: true, retrigger: !request.colonFollows }
        : {}),
    });
  }
  if (
    location.shapeName === 'RemediationConfiguration' &&
    cursor.existingKeys.size === 0 &&
    parsed.format === 'yaml'
  ) {
    items.push({
      label: 'New remediation configuration',
      kind: 'snippet',
      detail: 'A complete configuration skeleton',
      documentation: model.memberDoc(CONFIGURATIONS_DOC_PATH)?.documentation,
      insertText: indentLines(
        configurationSkeletonYaml(request.unit, request.ruleNames()),
        ' '.repeat(cursor.column),
      ),
      isSnippet: true,
      range: cursor.replace,
      filterText: cursor.prefix,
      sortText: '00',
      preselect: true,
    });
  }
  return items;
}

/** A new element of a list: the configuration skeleton in RemediationConfigurations. */
function itemCompletions(request: CompletionRequest): CompletionItem[] {
  const { location, cursor, parsed, model } = request;
  const item = model.listItem(location);
  if (!item || item.shapeName !== 'RemediationConfiguration') return [];
  let insertText: string;
  if (parsed.format === 'yaml') {
    const dashColumn = cursor.column;
    insertText = `- ${indentLines(configurationSkeletonYaml(request.unit, request.ruleNames()), ' '.repeat(dashColumn + 2))}`;
  } else {
    insertText = indentLines(
      configurationSkeletonJson(request.unit, request.ruleNames()),
      request.lineIndent,
    );
    if (cursor.needsComma) insertText += ',';
  }
  return [
    {
      label: 'New remediation configuration',
      kind: 'snippet',
      detail: 'A complete configuration skeleton',
      documentation: model.memberDoc(CONFIGURATIONS_DOC_PATH)?.documentation,
      insertText,
      isSnippet: true,
      range: cursor.replace,
      filterText: cursor.prefix,
      sortText: '00',
      preselect: true,
    },
  ];
}

function valueCompletions(request: CompletionRequest): CompletionItem[] {
  const { location, cursor, parsed } = request;
  const items: CompletionItem[] = [];
  const render = (value: string): string =>
    parsed.format === 'yaml' && !cursor.quoted ? escapeSnippet(value) : `"${escapeSnippet(value)}"`;
  const filter = (value: string): string => (cursor.quoted ? `"${value}"` : value);
  if (location.shape.enum) {
    for (const value of location.shape.enum) {
      items.push({
        label: value,
        kind: 'enum',
        detail: `${memberLabel(location.docPath)} value`,
        insertText: render(value),
        isSnippet: true,
        range: cursor.replace,
        filterText: filter(value),
      });
    }
  }
  if (location.shape.type === 'boolean') {
    for (const value of ['true', 'false']) {
      items.push({
        label: value,
        kind: 'boolean',
        insertText: value,
        isSnippet: false,
        range: cursor.replace,
        filterText: value,
      });
    }
  }
  if (location.docPath === 'RemediationConfigurations.ResourceType') {
    // With account facts: only the types in the scope of the configuration's Config rule.
    const scoped = scopedResourceTypes(request);
    for (const type of scoped ?? request.resourceTypes) {
      items.push({
        label: type,
        kind: 'value',
        detail: scoped ? "In the Config rule's scope" : 'AWS Config resource type',
        insertText: render(type),
        isSnippet: true,
        range: cursor.replace,
        filterText: filter(type),
      });
    }
  }
  return items;
}

/** A document with no content yet (empty, blank or comments only), and no syntax error. */
function isBlankDocument(parsed: ParsedDocument): boolean {
  return (
    parsed.roots.every((root) => root === undefined) &&
    parsed.problems.length === 0 &&
    (parsed.documentRanges?.length ?? 0) <= 1
  );
}

/** The first-run item of an empty file: a whole request with one configuration. */
function requestSkeletonItem(
  insertText: string,
  range: { offset: number; length: number },
  model: ApiModel,
): CompletionItem {
  return {
    label: 'New remediation request',
    kind: 'snippet',
    detail: 'RemediationConfigurations with one configuration',
    documentation: model.memberDoc(CONFIGURATIONS_DOC_PATH)?.documentation,
    insertText,
    isSnippet: true,
    range,
    filterText: 'RemediationConfigurations',
    sortText: '00',
    preselect: true,
  };
}

/** Rule names from outside, never a reason to fail completion. */
function safeRuleNames(read: (() => readonly string[]) | undefined): readonly string[] {
  try {
    const names = read?.() ?? [];
    return Array.isArray(names) ? names.filter((name) => typeof name === 'string') : [];
  } catch {
    return [];
  }
}

/** Indentation of continuation lines for a key inserted at the cursor. */
function indentFor(request: CompletionRequest): string {
  return request.parsed.format === 'yaml' ? ' '.repeat(request.cursor.column) : request.lineIndent;
}

function finishKeyInsert(request: CompletionRequest, text: string): string {
  if (request.colonFollows) return text;
  return request.parsed.format !== 'yaml' && request.cursor.needsComma ? `${text},` : text;
}
