import {
  CompletionItemKind,
  DiagnosticSeverity,
  DiagnosticTag,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type Diagnostic,
  type Range,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE, ruleDocUrl } from '../../../common/src/protocol';
import type {
  CompletionItem as ServiceCompletionItem,
  Problem,
  RuleDefinition,
  Severity,
} from '../languageService/languageService';

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
): Diagnostic {
  const rule = rules.get(problem.ruleId);
  return {
    range: toRange(document, problem.offset, problem.length),
    severity: SEVERITY[problem.severity],
    code: problem.ruleId,
    ...(rule ? { codeDescription: { href: ruleDocUrl(rule.id, rule.slug) } } : {}),
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

export function toCompletionItem(
  document: TextDocument,
  item: ServiceCompletionItem,
  snippetSupport: boolean,
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
    sortText: item.sortText,
    preselect: item.preselect,
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
