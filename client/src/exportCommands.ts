import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  COMMANDS,
  EXPORT_REQUEST,
  PAYLOAD_REQUEST,
  type ExportParams,
} from '../../common/src/protocol';

type ExportTarget = ExportParams['target'];

const TITLES: Record<ExportTarget, string> = {
  cloudformation: 'CloudFormation template',
  'conformance-pack': 'conformance pack',
};

/**
 * "AWS Config: Export as CloudFormation Template" and "… as Conformance Pack": the configurations
 * of the active (or given) file, as the server checked them, converted by the server with the
 * same pure module as `config-remediation export` (not bundled here: it needs the YAML library,
 * which would slow activation), opened as an unsaved document named after the source, next to it.
 */
export function registerExportCommands(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  ready: Promise<void>,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.exportCloudFormation, (uri?: unknown) =>
      exportDocument('cloudformation', client, ready, uri),
    ),
    vscode.commands.registerCommand(COMMANDS.exportConformancePack, (uri?: unknown) =>
      exportDocument('conformance-pack', client, ready, uri),
    ),
  );
}

/** Exports a document; resolves with the new document, or undefined when nothing was exported. */
export async function exportDocument(
  target: ExportTarget,
  client: LanguageClient,
  ready: Promise<void>,
  uri?: unknown,
): Promise<vscode.TextDocument | undefined> {
  const document =
    uri instanceof vscode.Uri
      ? await vscode.workspace.openTextDocument(uri)
      : vscode.window.activeTextEditor?.document;
  if (!document) {
    void vscode.window.showErrorMessage(
      `Open a remediation file to export it as a ${TITLES[target]}.`,
    );
    return undefined;
  }
  await ready;
  const payload = await client.sendRequest(PAYLOAD_REQUEST, {
    uri: document.uri.toString(),
  });
  const name = path.basename(document.uri.path);
  if (!payload?.recognised) {
    void vscode.window.showErrorMessage(
      `${name} is not a remediation request or a template with AWS::Config::RemediationConfiguration resources.`,
    );
    return undefined;
  }
  const errors = payload.problems.filter((problem) => problem.severity === 'error').length;
  if (errors > 0) {
    const choice = await vscode.window.showWarningMessage(
      `${name} has ${errors} error${errors === 1 ? '' : 's'}. The ${TITLES[target]} would carry them.`,
      { modal: true },
      'Export Anyway',
    );
    if (choice !== 'Export Anyway') return undefined;
  }
  const result = await client.sendRequest(EXPORT_REQUEST, {
    uri: document.uri.toString(),
    target,
    source: name,
  });
  if (!result) {
    void vscode.window.showErrorMessage(
      `Cannot export ${name}: the language server could not (see the AWS Config Remediation output).`,
    );
    return undefined;
  }
  if (!result.ok) {
    void vscode.window.showErrorMessage(`Cannot export ${name}: ${result.message}`);
    return undefined;
  }
  const exported = await openUntitledBeside(document.uri, exportName(name, target, result.format));
  const editor = await vscode.window.showTextDocument(exported, { preview: false });
  await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), result.text));
  for (const warning of result.warnings) void vscode.window.showWarningMessage(warning);
  return exported;
}

const SUFFIXES: Record<ExportTarget, string> = {
  cloudformation: 'template',
  'conformance-pack': 'conformance-pack',
};

/**
 * `s3.remediation.yaml` → `s3.template.yaml`: the name Save proposes. Without it VS Code names an
 * untitled document after its first line (`AWSTemplateFormatVersion: "2010-09-09".yaml`).
 */
export function exportName(source: string, target: ExportTarget, format: 'json' | 'yaml'): string {
  const stem = source.replace(/(\.remediation)?\.(jsonc?|ya?ml|template|txt)$/i, '') || 'export';
  return `${stem}.${SUFFIXES[target]}.${format === 'json' ? 'json' : 'yaml'}`;
}

/**
 * An untitled document that Save proposes to write next to the source. An untitled URI with a
 * path never overwrites silently, but a free name spares the user an "already exists" prompt.
 */
async function openUntitledBeside(source: vscode.Uri, name: string): Promise<vscode.TextDocument> {
  const folder = source.scheme === 'untitled' ? undefined : vscode.Uri.joinPath(source, '..');
  if (!folder) return vscode.workspace.openTextDocument({ language: languageOf(name) });
  const dot = name.lastIndexOf('.');
  for (let attempt = 0; ; attempt++) {
    const candidate = attempt === 0 ? name : `${name.slice(0, dot)}-${attempt}${name.slice(dot)}`;
    const target = vscode.Uri.joinPath(folder, candidate);
    const taken =
      attempt < 20 &&
      ((await exists(target)) ||
        vscode.workspace.textDocuments.some((open) => open.uri.path === target.path));
    if (!taken) return vscode.workspace.openTextDocument(target.with({ scheme: 'untitled' }));
  }
}

function languageOf(name: string): string {
  return name.endsWith('.json') ? 'json' : 'yaml';
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
