import {
  CompletionItemKind,
  FoldingRangeKind,
  SymbolKind,
  DiagnosticSeverity,
  DiagnosticTag,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type Diagnostic,
  type DocumentLink,
  type DocumentSymbol,
  type FoldingRange,
  type Range,
  type SymbolInformation,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE, ruleDocUrl } from '../../../common/src/protocol';
import type {
  CompletionItem as ServiceCompletionItem,
  DocumentLink as ServiceDocumentLink,
  FoldingRegion,
  OutlineKind,
  OutlineSymbol,
  Problem,
  RuleDefinition,
  Severity,
} from '../languageService/languageService';
import type { RuleDocHref } from '../../../common/src/ruleDocs';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(document: TextDocument, offset: number, length: number): Range {
  return { start: document.positionAt(offset), end: document.positionAt(offset + length) };
}

/** Rules whose findings are about members the user should delete: shown faded. */
const UNNECESSARY_RULES = new Set(['RC204']);

export function toDiagnostic(
  document: TextDocument,
  problem: Problem,
  rules: ReadonlyMap<string, RuleDefinition>,
  docHref: RuleDocHref = ruleDocUrl,
): Diagnostic {
  const rule = rules.get(problem.ruleId);
  return {
    range: toRange(document, problem.offset, problem.length),
    severity: SEVERITY[problem.severity],
    code: problem.ruleId,
    ...(rule ? { codeDescription: { href: docHref(rule.id, rule.slug) } } : {}),
    source: DIAGNOSTIC_SOURCE,
    message: problem.message,
    ...(UNNECESSARY_RULES.has(problem.ruleId) ? { tags: [DiagnosticTag.Unnecessary] } : {}),
  };
}

const KIND: Record<ServiceCompletionItem['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  snippet: CompletionItemKind.Snippet,
  module: CompletionItemKind.Module,
  reference: CompletionItemKind.Reference,
  boolean: CompletionItemKind.Value,
};

/** The VS Code command that opens completion again (other editors do not know it). */
export const TRIGGER_SUGGEST_COMMAND = 'editor.action.triggerSuggest';

/**
 * Whether the client runs VS Code's commands: VS Code and its forks (vscode-languageclient sends
 * `vscode.env.appName` as clientInfo.name), or a client that says so in its initialization options.
 * Other editors would send an unknown command back to the server (Neovim runs an item's command
 * with workspace/executeCommand), so they get none.
 */
export function runsVsCodeCommands(
  clientName: string | undefined,
  initializationOptions: unknown,
): boolean {
  if (
    typeof initializationOptions === 'object' &&
    initializationOptions !== null &&
    (initializationOptions as { vscodeCommands?: unknown }).vscodeCommands === true
  ) {
    return true;
  }
  return (
    typeof clientName === 'string' &&
    /visual studio code|vscode|code - oss|vscodium|code-server|cursor|windsurf/i.test(clientName)
  );
}

/**
 * Our items come before other providers' in the same list (VS Code merges the JSON extension's
 * `$schema` item with ours, and sorts by sortText, or the label without one): a leading space
 * sorts before any label or sortText they use.
 */
function rankedSortText(item: ServiceCompletionItem): string {
  return ` ${item.sortText ?? item.label}`;
}

export function toCompletionItem(
  document: TextDocument,
  item: ServiceCompletionItem,
  snippetSupport: boolean,
  vscodeCommands = false,
): CompletionItem {
  const useSnippet = item.isSnippet && snippetSupport;
  const newText = useSnippet ? item.insertText : stripSnippet(item.insertText);
  return {
    label: item.label,
    kind: KIND[item.kind],
    detail: item.detail,
    documentation: item.documentation
      ? { kind: MarkupKind.Markdown, value: item.documentation }
      : undefined,
    textEdit: { range: toRange(document, item.range.offset, item.range.length), newText },
    insertTextFormat: useSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    // Continuation lines carry absolute indentation already.
    insertTextMode: InsertTextMode.asIs,
    filterText: item.filterText,
    sortText: rankedSortText(item),
    preselect: item.preselect,
    ...(item.retrigger && vscodeCommands
      ? { command: { title: 'Suggest', command: TRIGGER_SUGGEST_COMMAND } }
      : {}),
  };
}

/** Snippet text as plain text, for clients without snippet support: placeholders keep their default. */
export function stripSnippet(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([\\$}])/g, '$1');
}

const SYMBOL_KIND: Record<OutlineKind, SymbolKind> = {
  configuration: SymbolKind.Struct,
  member: SymbolKind.Property,
  parameters: SymbolKind.Object,
  parameter: SymbolKind.Variable,
};

export function toDocumentSymbol(document: TextDocument, symbol: OutlineSymbol): DocumentSymbol {
  return {
    name: symbol.name,
    ...(symbol.detail !== undefined ? { detail: symbol.detail } : {}),
    kind: SYMBOL_KIND[symbol.kind],
    range: toRange(document, symbol.range.offset, symbol.range.length),
    selectionRange: toRange(document, symbol.selectionRange.offset, symbol.selectionRange.length),
    children: symbol.children.map((child) => toDocumentSymbol(document, child)),
  };
}

/** For clients without hierarchical symbols: the tree flattened, each with its parent's name. */
export function toSymbolInformation(
  document: TextDocument,
  symbols: readonly OutlineSymbol[],
  containerName?: string,
): SymbolInformation[] {
  return symbols.flatMap((symbol) => [
    {
      name: symbol.name,
      kind: SYMBOL_KIND[symbol.kind],
      location: {
        uri: document.uri,
        range: toRange(document, symbol.range.offset, symbol.range.length),
      },
      ...(containerName !== undefined ? { containerName } : {}),
    },
    ...toSymbolInformation(document, symbol.children, symbol.name),
  ]);
}

/** Line regions; those within one line dropped, and each start line once (the outermost). */
export function toFoldingRanges(
  document: TextDocument,
  regions: readonly FoldingRegion[],
  limit = Number.POSITIVE_INFINITY,
): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  let lastStart = -1;
  for (const region of regions) {
    if (ranges.length >= limit) break;
    const startLine = document.positionAt(region.offset).line;
    const endLine = document.positionAt(region.end).line;
    if (endLine <= startLine || startLine === lastStart) continue;
    lastStart = startLine;
    ranges.push({
      startLine,
      endLine,
      ...(region.kind === 'region' ? { kind: FoldingRangeKind.Region } : {}),
    });
  }
  return ranges;
}

export function toDocumentLink(document: TextDocument, link: ServiceDocumentLink): DocumentLink {
  return {
    range: toRange(document, link.range.offset, link.range.length),
    target: link.target,
    tooltip: link.tooltip,
  };
}
