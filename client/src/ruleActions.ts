import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, SETTINGS, SETTINGS_SECTION } from '../../common/src/protocol';

/**
 * Two code actions on every one of our diagnostics, in VS Code only (other LSP clients have no
 * such commands, so the server does not offer them): "Show documentation for RCnnn", which opens
 * the rule's section of the docs/rules.md shipped in the .vsix (no network, no repository URL
 * that may not exist), and "Turn off RCnnn in this workspace", which writes the rule level
 * `off` to the workspace setting `awsConfigRemediation.rules`.
 */
export const RULE_COMMANDS = {
  showDocumentation: 'awsConfigRemediation.showRuleDocumentation',
  turnOff: 'awsConfigRemediation.turnOffRule',
} as const;

const RULE_ID = /^RC\d{3}$/;

export function registerRuleActions(
  context: vscode.ExtensionContext,
  selector: vscode.DocumentSelector,
): void {
  const docs = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md');
  context.subscriptions.push(
    vscode.commands.registerCommand(RULE_COMMANDS.showDocumentation, (ruleId: unknown) =>
      typeof ruleId === 'string' ? showRuleDocumentation(docs, ruleId) : undefined,
    ),
    vscode.commands.registerCommand(RULE_COMMANDS.turnOff, (ruleId: unknown, uri: unknown) =>
      typeof ruleId === 'string'
        ? turnOffRule(ruleId, uri instanceof vscode.Uri ? uri : undefined)
        : undefined,
    ),
    vscode.languages.registerCodeActionsProvider(selector, new RuleActionProvider(), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
  );
}

/** The rule id of one of our diagnostics (`code` is a string or `{ value, target }`). */
export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return typeof code === 'string' && RULE_ID.test(code) ? code : undefined;
}

class RuleActionProvider implements vscode.CodeActionProvider {
  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const seen = new Set<string>();
    const actions: vscode.CodeAction[] = [];
    const scope = vscode.workspace.getWorkspaceFolder(document.uri) ? 'workspace' : 'user settings';
    for (const diagnostic of context.diagnostics) {
      const ruleId = ruleIdOf(diagnostic);
      if (!ruleId || seen.has(ruleId)) continue;
      seen.add(ruleId);
      const show = new vscode.CodeAction(
        `Show documentation for ${ruleId}`,
        vscode.CodeActionKind.QuickFix,
      );
      show.command = {
        title: show.title,
        command: RULE_COMMANDS.showDocumentation,
        arguments: [ruleId],
      };
      const off = new vscode.CodeAction(
        scope === 'workspace' ? `Turn off ${ruleId} in this workspace` : `Turn off ${ruleId}`,
        vscode.CodeActionKind.QuickFix,
      );
      off.diagnostics = [diagnostic];
      off.command = {
        title: off.title,
        command: RULE_COMMANDS.turnOff,
        arguments: [ruleId, document.uri],
      };
      actions.push(show, off);
    }
    return actions;
  }
}

async function showRuleDocumentation(docs: vscode.Uri, ruleId: string): Promise<void> {
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(docs);
  } catch (error) {
    void vscode.window.showErrorMessage(
      `The rule documentation is missing from the extension (${String(error)}). Reinstall it.`,
    );
    return;
  }
  const heading = new RegExp(`^## ${ruleId}\\b`);
  let line = 0;
  for (let index = 0; index < document.lineCount; index++) {
    if (heading.test(document.lineAt(index).text)) {
      line = index;
      break;
    }
  }
  const start = new vscode.Position(line, 0);
  const editor = await vscode.window.showTextDocument(document, {
    preview: true,
    selection: new vscode.Range(start, start),
  });
  editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.AtTop);
}

/**
 * Writes `"RCnnn": "off"` into `awsConfigRemediation.rules`, keeping the other levels of that
 * scope (the setting is an object: a plain update would replace it). The workspace scope when
 * the file is in a workspace folder, else the user settings.
 */
async function turnOffRule(ruleId: string, uri: vscode.Uri | undefined): Promise<void> {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION, uri);
  const inWorkspace = uri ? vscode.workspace.getWorkspaceFolder(uri) !== undefined : false;
  const target = inWorkspace
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  const inspected = configuration.inspect<Record<string, string>>(SETTINGS.rules);
  const current = (inWorkspace ? inspected?.workspaceValue : inspected?.globalValue) ?? {};
  await configuration.update(SETTINGS.rules, { ...current, [ruleId]: 'off' }, target);
  void vscode.window.showInformationMessage(
    `${ruleId} is off ${inWorkspace ? 'in this workspace' : 'in your user settings'} (setting ${SETTINGS_SECTION}.${SETTINGS.rules}).`,
  );
}
