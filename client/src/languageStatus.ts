import * as vscode from 'vscode';
import type { DocumentStatusParams } from '../../common/src/protocol';
import { COMMANDS } from '../../common/src/protocol';

/**
 * The language status item ("{…}" in the status bar) for recognised files: says the file is
 * checked as a remediation request and how many configurations and problems it has.
 */
export class LanguageStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly statuses = new Map<string, DocumentStatusParams>();

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('awsConfigRemediation.status', []);
    this.item.name = 'AWS Config Remediation';
    this.item.command = { title: 'Show log', command: COMMANDS.showOutput };
  }

  update(status: DocumentStatusParams): void {
    if (status.recognised) this.statuses.set(status.uri, status);
    else this.statuses.delete(status.uri);
    this.refresh();
  }

  status(uri: string): DocumentStatusParams | undefined {
    return this.statuses.get(uri);
  }

  private refresh(): void {
    // Show the item only on recognised documents: select them by exact URI.
    this.item.selector = [...this.statuses.keys()].map((uri) => {
      const parsed = vscode.Uri.parse(uri);
      return parsed.scheme === 'file'
        ? { scheme: 'file', pattern: escapeGlob(parsed.fsPath) }
        : { scheme: parsed.scheme, pattern: escapeGlob(parsed.path) };
    });
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const status = active ? this.statuses.get(active) : undefined;
    if (!status) {
      this.item.text = 'AWS Config remediation';
      return;
    }
    const kind =
      status.kind === 'cloudformation' ? 'CloudFormation template' : 'Remediation request';
    const count = status.configurations ?? 0;
    this.item.text = `$(check) ${kind}`;
    this.item.detail = `${count} configuration${count === 1 ? '' : 's'} · ${status.errors ?? 0} errors · ${status.warnings ?? 0} warnings`;
    this.item.severity =
      (status.errors ?? 0) > 0
        ? vscode.LanguageStatusSeverity.Error
        : vscode.LanguageStatusSeverity.Information;
  }

  onActiveEditorChanged(): void {
    this.refresh();
  }

  dispose(): void {
    this.item.dispose();
  }
}

function escapeGlob(path: string): string {
  return path.replace(/[[\]{}*?]/g, (char) => `[${char}]`);
}
