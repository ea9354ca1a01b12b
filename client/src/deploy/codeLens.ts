import * as vscode from 'vscode';
import type { DocumentStatusParams, PayloadResult } from '../../../common/src/protocol';
import { COMMANDS } from '../../../common/src/protocol';
import { ruleNameOf } from './model';

/**
 * "Deploy this configuration" above each configuration of a recognised request file, in trusted
 * workspaces only. The ranges come from the server's payload (the same one a deploy sends).
 */
export class DeployCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly trust: vscode.Disposable;

  constructor(
    private readonly requestPayload: (
      uri: string,
      token?: vscode.CancellationToken,
    ) => Promise<PayloadResult | null>,
    private readonly statusOf: (uri: vscode.Uri) => DocumentStatusParams | undefined,
  ) {
    this.trust = vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire());
  }

  async provideCodeLenses(
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.isTrusted) return [];
    // Known not to be ours (or a CloudFormation template): no request at all.
    const status = this.statusOf(document.uri);
    if (status && (!status.recognised || status.kind === 'cloudformation')) return [];
    let payload: PayloadResult | null;
    try {
      payload = await this.requestPayload(document.uri.toString(), token);
    } catch {
      return [];
    }
    if (!payload?.recognised || payload.kind === 'cloudformation') return [];
    return payload.configurations.map((configuration, index) => {
      const { line, character } = configuration.range.start;
      const ruleName = ruleNameOf(configuration);
      return new vscode.CodeLens(new vscode.Range(line, character, line, character), {
        title: 'Deploy this configuration',
        tooltip: ruleName
          ? `Check, preview and deploy only "${ruleName}"`
          : 'Check, preview and deploy only this configuration',
        command: COMMANDS.deployOne,
        arguments: [document.uri, index, ruleName || undefined],
      });
    });
  }

  dispose(): void {
    this.trust.dispose();
    this.changed.dispose();
  }
}
