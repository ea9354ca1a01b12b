/**
 * Helpers of the in-editor suite (test/vscode/suite/). The suite runs inside a VS Code extension
 * host: under @vscode/test-electron (`npm run test:vscode`) or inside code-server through the
 * runner extension (`npm run test:e2e`). Nothing here sleeps: every wait is an event or a
 * bounded poll of a condition.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../client/src/extension';
import { EXTENSION_ID } from '../../common/src/protocol';

/** Activates the extension under test and waits until its language server runs. */
export async function activateExtension(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(
    extension,
    `extension ${EXTENSION_ID} is not installed or is disabled (trusted: ${vscode.workspace.isTrusted})`,
  );
  const api = await extension.activate();
  assert.ok(api && typeof api.waitForStatus === 'function', 'activate() returns the ExtensionApi');
  await api.ready;
  return api;
}

/** The first workspace folder (the test workspace, a copy of examples/). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs an open folder (a copy of examples/)');
  return folder.uri;
}

export function workspaceFile(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

/** Opens a workspace file in an editor. */
export async function openFile(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Opens an untitled document with a language and content (nothing touches the disk). */
export async function openUntitled(language: string, content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  return vscode.window.showTextDocument(document, { preview: false });
}

/**
 * Reverts and closes every editor (no "save changes?" dialog), so each test starts from the
 * files on disk.
 */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (document.isDirty) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Resolves with the diagnostics of `uri` once `predicate` holds: checks now, then on every
 * `onDidChangeDiagnostics` for the uri. Rejects after `timeoutMs` with what it saw last.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = 20_000,
  description = 'a matching set',
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = ours(vscode.languages.getDiagnostics(uri));
      if (!predicate(diagnostics)) return false;
      cleanup();
      resolve(diagnostics);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      const seen = describeDiagnostics(ours(vscode.languages.getDiagnostics(uri)));
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}; saw: ${seen}`));
    }, timeoutMs);
    function cleanup(): void {
      clearTimeout(timer);
      listener.dispose();
    }
    check();
  });
}

/** Only this extension's diagnostics (other extensions, e.g. JSON schema checks, may add some). */
export function ours(diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diagnostics.filter((d) => d.source === 'aws-config-remediation');
}

/** The rule id of a diagnostic ("RC103"); `code` may be a string or `{ value, target }`. */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (code === undefined) return '';
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** "RC103@4" (0-based line) per diagnostic. */
export function codesAtLines(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => `${codeOf(d)}@${d.range.start.line}`);
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  return codesAtLines(diagnostics).join(', ') || '(none)';
}

export function assertIncludes(actual: readonly string[], expected: readonly string[]): void {
  const missing = expected.filter((e) => !actual.includes(e));
  assert.deepEqual(missing, [], `missing ${missing.join(', ')} in: ${actual.join(', ')}`);
}

/** The label text of a completion item. */
export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** All hover contents as plain text. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** Polls `probe` until it returns something other than undefined/false (bounded). */
export async function waitUntil<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  description: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
