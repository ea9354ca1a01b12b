/**
 * "AWS Config: New Remediation Request": an unsaved YAML request to edit (starterRequest.ts),
 * named `new.remediation.yaml` in the first workspace folder (a free name), so that the tab and
 * Save show a remediation file's name instead of its first line.
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../../common/src/protocol';
import { STARTER_REQUEST } from './starterRequest';

const STEM = 'new';

export function registerNewRequest(): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.newRequest, async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder || folder.scheme !== 'file') {
      const document = await vscode.workspace.openTextDocument({
        language: 'yaml',
        content: STARTER_REQUEST,
      });
      await vscode.window.showTextDocument(document);
      return;
    }
    const target = await freeName(folder);
    const document = await vscode.workspace.openTextDocument(target.with({ scheme: 'untitled' }));
    const editor = await vscode.window.showTextDocument(document);
    if (document.getText() === '') {
      await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), STARTER_REQUEST));
    }
  });
}

/** `new.remediation.yaml`, else `new-1.remediation.yaml`, …: not a file, not an open document. */
async function freeName(folder: vscode.Uri): Promise<vscode.Uri> {
  for (let attempt = 0; ; attempt++) {
    const target = vscode.Uri.joinPath(
      folder,
      `${STEM}${attempt === 0 ? '' : `-${attempt}`}.remediation.yaml`,
    );
    const taken =
      attempt < 50 &&
      ((await exists(target)) ||
        vscode.workspace.textDocuments.some((open) => open.uri.path === target.path));
    if (!taken) return target;
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
