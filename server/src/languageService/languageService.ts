import { textLength } from './model/text';
import { ApiModel } from './model/apiModel';
import type { DocumentFormat, ParsedDocument } from './model/ast';
import type { AccountFacts } from '../../../common/src/accountFacts';
import { codeActionsFor } from './edits/codeActions';
import { complete, type CompletionContributor } from './completion/completion';
import apiModelData from './data/apiModel.json';
import resourceTypesData from './data/resourceTypes.json';
import runbooksData from './data/runbooks.json';
import type { ApiModelData, ResourceTypesData, RunbookCatalogData } from './data/types';
import {
  requestAdapter,
  type DocumentKind,
  type EmbeddedDocument,
  type KindSupport,
} from './model/document';
import { mapCompletionItem, mapProblem } from './model/offsetMap';
import { findConfigurations } from './model/layout';
import { toValue } from './model/ast';
import { createCloudFormationSupport } from './cloudformation/adapter';
import { hover, type HoverContributor } from './hover/hover';
import { runbookCompletion } from './completion/runbooks';
import { runbookHover } from './hover/runbooks';
import { accountCompletion } from './completion/account';
import { accountHover } from './hover/account';
import { catalogWithAccount } from './model/catalog';
import { catalogWithTemplate } from './model/templateRunbooks';
import { parseDocument } from './parser';
import { SYNTAX_RULE_IDS } from './parser/syntaxRuleIds';
import { recogniseDocument, type ContentDetector, type Recognition } from './model/recognition';
import { allRules } from './rules';
import type { RuleDefinition } from './rules/types';
import type { Problem } from './model/problem';
import { RunbookCatalog } from './model/catalog';
import type { CodeAction, CompletionItem, HoverResult } from './model/serviceTypes';
import type { RuleLevels } from './rules/levels';
import { compareProblems, validateDocument, type ValidationInput } from './validate/validate';
import { parseYamlByItems, SPLIT_PARSE_MIN_LENGTH } from './incremental/splitParse';
import { validateIncrementally, type ValidationCache } from './incremental/validation';

// The public surface. The LSP server, the CLI and the client import this module only (ESLint
// enforces it), so that everything behind it can move without touching them.
export type {
  AccountConfigRule,
  AccountDocument,
  AccountFacts,
} from '../../../common/src/accountFacts';
export type {
  AstNode,
  DocumentFormat,
  ParsedDocument,
  SyntaxProblem,
  ValueNode,
} from './model/ast';
export type { DocumentKind } from './model/document';
export type { Fix, Problem, Severity, TextEdit } from './model/problem';
export type { Recognition } from './model/recognition';
export type { CodeAction, CompletionItem, CompletionKind, HoverResult } from './model/serviceTypes';
export { composeChanges, stringSource, type TextChange, type TextSource } from './model/text';
export { sanitizeAccountFacts } from './model/account';
export { detectFormat, documentFormat, formatFor, parseDocument } from './parser';
export type { RuleCategory, RuleDefinition } from './rules/types';
export {
  isRuleLevel,
  levelFor,
  parseRuleLevels,
  type RuleLevel,
  type RuleLevels,
} from './rules/levels';
export {
  EXPORT_TARGETS,
  ExportError,
  exportConfigurations,
  type ExportFormat,
  type ExportOptions,
  type ExportResult,
  type ExportTarget,
} from './cloudformation/export';
export { isTrusted, provisionalDocument, reparseDocument } from './incremental/reparse';
export { ValidationCache } from './incremental/validation';
export type { KindSupport };

/**
 * Documents above this size (in characters) are not parsed: the server reports it once and stays
 * responsive. Real request files are far smaller (5000 configurations are about 2.5 MB).
 */
export const MAX_DOCUMENT_SIZE = 8 * 1024 * 1024;

/** Per-call options: the user's settings and facts about the account. */
export interface ServiceOptions {
  levels?: RuleLevels;
  account?: AccountFacts;
  /** The document's memory of earlier findings (validate only): re-check changed parts only. */
  cache?: ValidationCache;
}

export interface LanguageServiceDeps {
  model?: ApiModelData;
  catalog?: RunbookCatalogData;
  resourceTypes?: ResourceTypesData;
  rules?: readonly RuleDefinition[];
  completionContributors?: readonly CompletionContributor[];
  hoverContributors?: readonly HoverContributor[];
  /**
   * Told when completion or hover fail inside (the caller still gets an empty answer): the server
   * logs it, the fuzz tests fail on it.
   */
  onInternalError?(feature: 'completion' | 'hover', error: unknown): void;
  kinds?: Partial<Record<DocumentKind, KindSupport>>;
}

/**
 * The language service: everything the product knows, without LSP. Callers parse once per
 * document version and pass the ParsedDocument to every feature.
 */
export interface LanguageService {
  readonly model: ApiModel;
  readonly catalog: RunbookCatalog;
  readonly rules: readonly RuleDefinition[];
  parse(text: string, format: DocumentFormat): ParsedDocument;
  /** Whether a file is ours, and as which kind; undefined for unrelated files. */
  recognise(
    path: string,
    text: string,
    parse: () => ParsedDocument,
    include?: readonly string[],
  ): Recognition | undefined;
  validate(parsed: ParsedDocument, kind: DocumentKind, options?: ServiceOptions): Problem[];
  complete(
    parsed: ParsedDocument,
    kind: DocumentKind,
    offset: number,
    options?: ServiceOptions,
  ): CompletionItem[];
  hover(
    parsed: ParsedDocument,
    kind: DocumentKind,
    offset: number,
    options?: ServiceOptions,
  ): HoverResult | undefined;
  codeActions(
    problems: readonly Problem[],
    range: { offset: number; length: number },
  ): CodeAction[];
  /** The configurations of a document as the API receives them, with where each one is. */
  configurations(parsed: ParsedDocument, kind: DocumentKind): ConfigurationPayload[];
  /** How many configurations a document has (cheap: for status lines). */
  configurationCount(parsed: ParsedDocument, kind: DocumentKind): number;
  /**
   * The TargetIds of a document's configurations written as plain strings (intrinsic functions
   * and empty values left out), each once: the documents an account look-up describes.
   */
  targetIds(parsed: ParsedDocument, kind: DocumentKind): string[];
}

export interface ConfigurationPayload {
  value: Record<string, unknown>;
  offset: number;
  length: number;
}

/** An offset inside the text (callers may pass a stale or out-of-range one). */
function clampOffset(offset: number, length: number): number {
  return Number.isFinite(offset) ? Math.max(0, Math.min(Math.floor(offset), length)) : 0;
}

export function createLanguageService(deps: LanguageServiceDeps = {}): LanguageService {
  const model = new ApiModel(deps.model ?? (apiModelData as ApiModelData));
  const catalog = new RunbookCatalog(deps.catalog ?? (runbooksData as RunbookCatalogData));
  const resourceTypeList = (deps.resourceTypes ?? (resourceTypesData as ResourceTypesData))
    .resourceTypes;
  const resourceTypes = new Set(resourceTypeList);
  const rules = deps.rules ?? allRules;
  const kinds: Record<DocumentKind, KindSupport | undefined> = {
    request: { adapter: requestAdapter },
    cloudformation: createCloudFormationSupport(),
    ...deps.kinds,
  };
  const adapterFor = (kind: DocumentKind): KindSupport['adapter'] =>
    kinds[kind]?.adapter ?? requestAdapter;
  const detectors = Object.values(kinds)
    .map((support) => support?.detect)
    .filter((detect): detect is ContentDetector => detect !== undefined);
  const configurations = (parsed: ParsedDocument, kind: DocumentKind): ConfigurationPayload[] =>
    findConfigurations(adapterFor(kind).entries(parsed, model)).map(({ node }) => ({
      value: toValue(node) as Record<string, unknown>,
      offset: node.offset,
      length: node.length,
    }));

  // A template's own Automation documents are runbooks too (model/templateRunbooks.ts).
  const catalogFor = (parsed: ParsedDocument, kind: DocumentKind): RunbookCatalog =>
    kind === 'cloudformation' ? catalogWithTemplate(catalog, parsed.roots) : catalog;
  const validateWith = (
    parsed: ParsedDocument,
    kind: DocumentKind,
    support: KindSupport | undefined,
    options: ServiceOptions,
    validator: (input: ValidationInput) => Problem[],
  ): Problem[] => {
    const problems = validator({
      parsed,
      kind,
      adapter: support?.adapter ?? requestAdapter,
      model,
      // With account facts, the account's runbooks are checked like catalogued ones.
      catalog: catalogWithAccount(catalogFor(parsed, kind), options.account),
      resourceTypes,
      rules,
      levels: options.levels,
      account: options.account,
    });
    return support?.adjustProblems?.(problems, parsed) ?? problems;
  };
  const completeWith = (
    parsed: ParsedDocument,
    kind: DocumentKind,
    support: KindSupport | undefined,
    offset: number,
    options: ServiceOptions,
  ): CompletionItem[] =>
    complete(parsed, offset, {
      model,
      catalog: catalogWithAccount(catalogFor(parsed, kind), options.account),
      resourceTypes: resourceTypeList,
      adapter: support?.adapter ?? requestAdapter,
      account: options.account,
      contributors: [runbookCompletion, accountCompletion, ...(deps.completionContributors ?? [])],
    });
  const hoverWith = (
    parsed: ParsedDocument,
    kind: DocumentKind,
    support: KindSupport | undefined,
    offset: number,
    options: ServiceOptions,
  ): HoverResult | undefined =>
    hover(parsed, offset, {
      model,
      catalog: catalogFor(parsed, kind),
      adapter: support?.adapter ?? requestAdapter,
      account: options.account,
      contributors: [runbookHover, accountHover, ...(deps.hoverContributors ?? [])],
    });
  const embeddedOf = (kind: DocumentKind, parsed: ParsedDocument): EmbeddedDocument[] =>
    kinds[kind]?.embedded?.(parsed) ?? [];
  /** The embedded document an outer offset is inside, with the offset in its text. */
  const embeddedAt = (
    kind: DocumentKind,
    parsed: ParsedDocument,
    offset: number,
  ): { document: EmbeddedDocument; offset: number } | undefined => {
    for (const document of embeddedOf(kind, parsed)) {
      const { range } = document;
      if (offset < range.offset || offset > range.offset + range.length) continue;
      const inner = document.map.toInner(offset);
      return inner === undefined ? undefined : { document, offset: inner };
    }
    return undefined;
  };

  return {
    model,
    catalog,
    rules,
    parse(text, format) {
      if (text.length > MAX_DOCUMENT_SIZE) {
        return {
          format,
          text,
          roots: [undefined],
          problems: [
            {
              ruleId: SYNTAX_RULE_IDS.fileTooLarge,
              offset: 0,
              length: 0,
              message: `This file has ${text.length} characters; files over ${MAX_DOCUMENT_SIZE} characters are not checked. Split it into smaller files.`,
            },
          ],
        };
      }
      // Large YAML requests item by item: the same result with a fraction of the memory.
      const byItems =
        format === 'yaml' && text.length >= SPLIT_PARSE_MIN_LENGTH
          ? parseYamlByItems(text)
          : undefined;
      return byItems ?? parseDocument(text, format);
    },
    recognise(path, text, parse, include) {
      return recogniseDocument(path, text, parse, { include, detectors });
    },
    validate(parsed, kind, options = {}) {
      const validator = options.cache
        ? (input: ValidationInput) => validateIncrementally(input, options.cache as ValidationCache)
        : validateDocument;
      const problems = validateWith(parsed, kind, kinds[kind], options, validator);
      const embedded = embeddedOf(kind, parsed);
      if (embedded.length === 0) return problems;
      // Each embedded conformance pack template is checked as a template of its own (always in
      // full: documents holding one are never re-checked incrementally), in outer offsets.
      const inner = embedded.flatMap((document) =>
        validateWith(
          document.parsed,
          document.kind,
          document.support,
          options,
          validateDocument,
        ).map((problem) => mapProblem(problem, document.map)),
      );
      return [...problems, ...inner].sort(compareProblems);
    },
    complete(parsed, kind, offset, options = {}) {
      // Above the size limit nothing is parsed; the text-based cursor context is not run either.
      // (The length without building the whole text of a lazily read document.)
      if (textLength(parsed) > MAX_DOCUMENT_SIZE) return [];
      try {
        const at = clampOffset(offset, textLength(parsed));
        const inside = embeddedAt(kind, parsed, at);
        if (inside) {
          // Inside an embedded template: completion of that template, written back into the
          // outer file (not in quoted strings, where every item would need escaping).
          if (inside.document.map.style.kind === 'escaped') return [];
          return completeWith(
            inside.document.parsed,
            inside.document.kind,
            inside.document.support,
            inside.offset,
            options,
          )
            .map((item) => mapCompletionItem(item, inside.document.map))
            .filter((item): item is CompletionItem => item !== undefined);
        }
        return completeWith(parsed, kind, kinds[kind], at, options);
      } catch (error) {
        deps.onInternalError?.('completion', error);
        return [];
      }
    },
    hover(parsed, kind, offset, options = {}) {
      if (textLength(parsed) > MAX_DOCUMENT_SIZE) return undefined;
      try {
        const at = clampOffset(offset, textLength(parsed));
        const inside = embeddedAt(kind, parsed, at);
        if (inside) {
          const result = hoverWith(
            inside.document.parsed,
            inside.document.kind,
            inside.document.support,
            inside.offset,
            options,
          );
          if (!result) return undefined;
          const { map } = inside.document;
          return { ...result, range: map.range(result.range.offset, result.range.length) };
        }
        return hoverWith(parsed, kind, kinds[kind], at, options);
      } catch (error) {
        deps.onInternalError?.('hover', error);
        return undefined;
      }
    },
    codeActions(problems, range) {
      return codeActionsFor(problems, range);
    },
    configurationCount(parsed, kind) {
      // Known after an incremental validation of this version (incremental/validation.ts).
      const known = kind === 'request' ? parsed.configurations : undefined;
      const own =
        known?.length ?? findConfigurations(adapterFor(kind).entries(parsed, model)).length;
      // Those of embedded conformance pack templates count too (they are checked); they are not
      // in `configurations()`, which is what deploy and export send from this file itself.
      return embeddedOf(kind, parsed).reduce(
        (count, document) =>
          count +
          findConfigurations(document.support.adapter.entries(document.parsed, model)).length,
        own,
      );
    },
    configurations,
    targetIds(parsed, kind) {
      const found = new Set<string>();
      for (const { value } of configurations(parsed, kind)) {
        if (typeof value.TargetId === 'string' && value.TargetId.length > 0) {
          found.add(value.TargetId);
        }
      }
      return [...found];
    },
  };
}
