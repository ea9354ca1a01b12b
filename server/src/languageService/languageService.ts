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
import { catalogWithTemplate, type OuterTemplate } from './model/templateRunbooks';
import { parseDocument } from './parser';
import { collectCommentSuppressions } from './parser/suppressions';
import { applySuppressions, UNSUPPRESSIBLE_RULE_IDS } from './validate/suppressions';
import { suppressionActions } from './edits/suppressActions';
import { SYNTAX_RULE_IDS } from './parser/syntaxRuleIds';
import { parseYamlFast } from './parser/yamlFast';
import { recogniseDocument, type ContentDetector, type Recognition } from './model/recognition';
import { allRules } from './rules';
import type { RuleDefinition } from './rules/types';
import type { Problem } from './model/problem';
import { RunbookCatalog } from './model/catalog';
import type {
  CodeAction,
  CompletionItem,
  DocumentLink,
  FoldingRegion,
  HoverResult,
  OffsetRange,
  OutlineSymbol,
} from './model/serviceTypes';
import { configurationSites, templateNames } from './navigation/sites';
import { foldingRegions, limitSymbols, outlineSymbols } from './navigation/outline';
import { definitions, references } from './navigation/references';
import { runbookLinks } from './navigation/links';
import type { RuleLevels } from './rules/levels';
import {
  compareProblems,
  validateDocument,
  withoutSyntaxConsequences,
  withoutTabConsequences,
  type ValidationInput,
} from './validate/validate';
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
export type {
  CodeAction,
  CompletionItem,
  CompletionKind,
  DocumentLink,
  FoldingRegion,
  HoverResult,
  OffsetRange,
  OutlineKind,
  OutlineSymbol,
} from './model/serviceTypes';
export {
  composeChanges,
  indexesIn,
  stringSource,
  type TextChange,
  type TextSource,
} from './model/text';
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
  MAX_CONFORMANCE_PACK_BODY,
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
  /**
   * Config rule names known outside the document (complete only: the other open files), offered
   * as the ConfigRuleName choice of configuration skeletons; read only when a skeleton is offered.
   */
  ruleNames?: () => readonly string[];
  /**
   * Whether the document's suppressions apply (validate only): comments and template Metadata
   * (validate/suppressions.ts). Default true; false (`check --no-inline-config`) ignores them all.
   */
  inlineConfig?: boolean;
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
  onInternalError?(feature: 'completion' | 'hover' | NavigationFeature, error: unknown): void;
  kinds?: Partial<Record<DocumentKind, KindSupport>>;
}

/** The editor navigation features (outline, folding, definition, references, links). */
export type NavigationFeature = 'symbols' | 'folding' | 'definition' | 'references' | 'links';

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
  /**
   * The quick fixes of the problems in a range. With the document, also "Suppress RCnnn on this
   * line" (a suppression comment, or a JSON template's resource Metadata) for each of them.
   */
  codeActions(
    problems: readonly Problem[],
    range: { offset: number; length: number },
    document?: { parsed: ParsedDocument; kind: DocumentKind },
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
  /**
   * The outline: a symbol per configuration (also those of embedded conformance pack templates),
   * its members and parameter names below it; at most `limit` symbols (`limitSymbols`).
   */
  documentSymbols(parsed: ParsedDocument, kind: DocumentKind, limit?: number): OutlineSymbol[];
  /** Folding regions; undefined where the editor's own folding is better (JSON: outline.ts). */
  foldingRanges(
    parsed: ParsedDocument,
    kind: DocumentKind,
    /** The most regions the editor keeps, one per start line (see outline.ts foldingRegions). */
    lineLimit?: number,
  ): FoldingRegion[] | undefined;
  /** Where the rule name or TargetId at the offset is defined in the template. */
  definition(parsed: ParsedDocument, kind: DocumentKind, offset: number): OffsetRange[];
  /** The occurrences of the rule name at the offset in the file (and its definition). */
  references(
    parsed: ParsedDocument,
    kind: DocumentKind,
    offset: number,
    includeDeclaration: boolean,
  ): OffsetRange[];
  /** Links from TargetIds to the runbook reference pages of AWS-owned runbooks. */
  documentLinks(parsed: ParsedDocument, kind: DocumentKind): DocumentLink[];
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
  // An embedded conformance pack template also sees the outer template's, through its input
  // parameters (`outer`).
  const catalogFor = (
    parsed: ParsedDocument,
    kind: DocumentKind,
    outer?: OuterTemplate,
  ): RunbookCatalog =>
    kind === 'cloudformation' ? catalogWithTemplate(catalog, parsed.roots, outer) : catalog;
  const validateWith = (
    parsed: ParsedDocument,
    kind: DocumentKind,
    support: KindSupport | undefined,
    options: ServiceOptions,
    validator: (input: ValidationInput) => Problem[],
    outer?: OuterTemplate,
  ): Problem[] => {
    const problems = validator({
      parsed,
      kind,
      adapter: support?.adapter ?? requestAdapter,
      model,
      // With account facts, the account's runbooks are checked like catalogued ones.
      catalog: catalogWithAccount(catalogFor(parsed, kind, outer), options.account),
      resourceTypes,
      rules,
      levels: options.levels,
      account: options.account,
    });
    return support?.adjustProblems?.(problems, parsed) ?? problems;
  };
  /**
   * The findings of a document without those its suppressions silence, plus RC008 for unused
   * ones. After the validator, full or incremental alike: both give the same findings to filter.
   */
  const suppress = (
    parsed: ParsedDocument,
    support: KindSupport | undefined,
    problems: Problem[],
    options: ServiceOptions,
  ): Problem[] => {
    if (options.inlineConfig === false) return problems;
    const suppressions = [
      ...collectCommentSuppressions(parsed),
      ...(support?.suppressions?.(parsed) ?? []),
    ];
    return applySuppressions(problems, suppressions, {
      rules,
      levels: options.levels,
      account: options.account,
    });
  };
  const completeWith = (
    parsed: ParsedDocument,
    kind: DocumentKind,
    support: KindSupport | undefined,
    offset: number,
    options: ServiceOptions,
    outer?: OuterTemplate,
  ): CompletionItem[] =>
    complete(parsed, offset, {
      model,
      catalog: catalogWithAccount(catalogFor(parsed, kind, outer), options.account),
      resourceTypes: resourceTypeList,
      adapter: support?.adapter ?? requestAdapter,
      account: options.account,
      ruleNames: options.ruleNames,
      contributors: [runbookCompletion, accountCompletion, ...(deps.completionContributors ?? [])],
    });
  const hoverWith = (
    parsed: ParsedDocument,
    kind: DocumentKind,
    support: KindSupport | undefined,
    offset: number,
    options: ServiceOptions,
    outer?: OuterTemplate,
  ): HoverResult | undefined =>
    hover(parsed, offset, {
      model,
      catalog: catalogFor(parsed, kind, outer),
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

  /**
   * A navigation feature on a document and on each conformance pack template embedded in it
   * (their ranges mapped back into the document), guarded: a failure answers `fallback`.
   */
  const navigate = <T>(
    feature: NavigationFeature,
    parsed: ParsedDocument,
    fallback: T,
    run: () => T,
  ): T => {
    if (parsed.text.length > MAX_DOCUMENT_SIZE) return fallback;
    try {
      return run();
    } catch (error) {
      deps.onInternalError?.(feature, error);
      return fallback;
    }
  };
  const mapRange = (range: OffsetRange, document: EmbeddedDocument | undefined): OffsetRange =>
    document ? document.map.range(range.offset, range.length) : range;
  const mapSymbol = (symbol: OutlineSymbol, document: EmbeddedDocument): OutlineSymbol => ({
    ...symbol,
    range: mapRange(symbol.range, document),
    selectionRange: mapRange(symbol.selectionRange, document),
    children: symbol.children.map((child) => mapSymbol(child, document)),
  });
  /** A feature at an offset: in the embedded template the offset is in, else in the document. */
  const atOffset = (
    parsed: ParsedDocument,
    kind: DocumentKind,
    offset: number,
    run: (parsed: ParsedDocument, kind: DocumentKind, offset: number) => OffsetRange[],
  ): OffsetRange[] => {
    const at = clampOffset(offset, textLength(parsed));
    const inside = embeddedAt(kind, parsed, at);
    if (!inside) return run(parsed, kind, at);
    return run(inside.document.parsed, inside.document.kind, inside.offset).map((range) =>
      mapRange(range, inside.document),
    );
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
      // Large YAML requests: the fast path on the whole text (parser/yamlFast.ts: its tree is
      // all it keeps), else item by item, the same result with a fraction of the yaml package's
      // memory.
      const byItems =
        format === 'yaml' && text.length >= SPLIT_PARSE_MIN_LENGTH
          ? (parseYamlFast(text) ?? parseYamlByItems(text))
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
      const problems = withoutTabConsequences(
        withoutSyntaxConsequences(
          validateWith(parsed, kind, kinds[kind], options, validator),
          parsed,
        ),
        parsed,
        (repaired) =>
          validateWith(
            parseDocument(repaired, 'yaml'),
            kind,
            kinds[kind],
            options,
            validateDocument,
          ),
      );
      const embedded = embeddedOf(kind, parsed);
      if (embedded.length === 0) return suppress(parsed, kinds[kind], problems, options);
      // Each embedded conformance pack template is checked as a template of its own (always in
      // full: documents holding one are never re-checked incrementally), with its own
      // suppressions, in outer offsets; the outer file's suppressions apply to all.
      const inner = embedded.flatMap((document) =>
        suppress(
          document.parsed,
          document.support,
          validateWith(
            document.parsed,
            document.kind,
            document.support,
            options,
            validateDocument,
            document.outer,
          ),
          options,
        ).map((problem) => mapProblem(problem, document.map)),
      );
      return suppress(parsed, kinds[kind], [...problems, ...inner].sort(compareProblems), options);
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
            inside.document.outer,
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
            inside.document.outer,
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
    codeActions(problems, range, document) {
      const actions = codeActionsFor(problems, range);
      if (!document || textLength(document.parsed) > MAX_DOCUMENT_SIZE) return actions;
      try {
        const { parsed, kind } = document;
        const start = range.offset;
        const end = range.offset + range.length;
        const embedded = embeddedOf(kind, parsed).map((inner) => inner.range);
        const suppressible = problems.filter(
          (problem) =>
            problem.offset <= end &&
            problem.offset + problem.length >= start &&
            !UNSUPPRESSIBLE_RULE_IDS.has(problem.ruleId) &&
            // Inside an embedded template a comment would be written into its text.
            !embedded.some(
              (inner) =>
                problem.offset >= inner.offset && problem.offset <= inner.offset + inner.length,
            ),
        );
        return [...actions, ...suppressionActions(suppressible, parsed, kind)];
      } catch {
        return actions;
      }
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
    documentSymbols(parsed, kind, limit = Number.POSITIVE_INFINITY) {
      return navigate('symbols', parsed, [] as OutlineSymbol[], () => {
        const own = outlineSymbols(parsed, configurationSites(parsed, kind, model), limit);
        const embedded = embeddedOf(kind, parsed).flatMap((document) =>
          outlineSymbols(
            document.parsed,
            configurationSites(document.parsed, document.kind, model),
          ).map((symbol) => {
            const mapped = mapSymbol(symbol, document);
            const detail = [mapped.detail, `in ${document.label}`].filter(Boolean).join(' · ');
            return { ...mapped, detail };
          }),
        );
        const all = [...own, ...embedded].sort((a, b) => a.range.offset - b.range.offset);
        return limitSymbols(all, limit);
      });
    },
    foldingRanges(parsed, kind, lineLimit) {
      return navigate('folding', parsed, undefined, () => {
        const own = foldingRegions(parsed, lineLimit);
        if (!own) return undefined;
        // A template in a YAML block scalar folds like the file it would be (line for line).
        for (const document of embeddedOf(kind, parsed)) {
          if (document.map.style.kind !== 'block') continue;
          for (const region of foldingRegions(document.parsed) ?? []) {
            own.push({
              ...region,
              offset: document.map.toOuter(region.offset),
              end: document.map.toOuterEnd(region.end),
            });
          }
        }
        return own.sort((a, b) => a.offset - b.offset || b.end - a.end);
      });
    },
    definition(parsed, kind, offset) {
      return navigate('definition', parsed, [] as OffsetRange[], () =>
        atOffset(parsed, kind, offset, (document, documentKind, at) =>
          definitions(
            document,
            at,
            configurationSites(document, documentKind, model),
            templateNames(document, documentKind),
          ),
        ),
      );
    },
    references(parsed, kind, offset, includeDeclaration) {
      return navigate('references', parsed, [] as OffsetRange[], () =>
        atOffset(parsed, kind, offset, (document, documentKind, at) =>
          references(
            document,
            at,
            configurationSites(document, documentKind, model),
            templateNames(document, documentKind),
            includeDeclaration,
          ),
        ),
      );
    },
    documentLinks(parsed, kind) {
      return navigate('links', parsed, [] as DocumentLink[], () => [
        ...runbookLinks(parsed, configurationSites(parsed, kind, model), catalog),
        ...embeddedOf(kind, parsed).flatMap((document) =>
          runbookLinks(
            document.parsed,
            configurationSites(document.parsed, document.kind, model),
            catalog,
          ).map((link) => ({ ...link, range: mapRange(link.range, document) })),
        ),
      ]);
    },
  };
}
