/**
 * The language status item of the account look-ups, next to the file's own status item:
 * "Account 1111…3333, eu-west-1, 3 min ago", busy while looking up, a quiet warning when the
 * look-up failed (no popup). Shown on recognised documents only; its command refreshes, or opens
 * the setting that fixes a failed look-up (region, profile, endpoint).
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../../../common/src/protocol';
import type { AccountState } from './accountController';
import { factsStatusDetail, factsStatusText } from './format';
import { openSettingsCommand } from '../aws/errorMessages';

const REFRESH = { title: 'Refresh', command: COMMANDS.refreshAccount };

export class AccountStatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private documents: string[] = [];

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('awsConfigRemediation.account', []);
    this.item.name = 'AWS Config Remediation: account';
    this.item.command = REFRESH;
  }

  /** The recognised documents (the item shows on those only). */
  setDocuments(uris: readonly string[]): void {
    if (uris.length === this.documents.length && uris.every((u, i) => u === this.documents[i]))
      return;
    this.documents = [...uris];
    this.item.selector = this.documents.map((uri) => {
      const parsed = vscode.Uri.parse(uri);
      return parsed.scheme === 'file'
        ? { scheme: 'file', pattern: escapeGlob(parsed.fsPath) }
        : { scheme: parsed.scheme, pattern: escapeGlob(parsed.path) };
    });
  }

  show(state: AccountState): void {
    const item = this.item;
    item.busy = state.kind === 'loading';
    item.command = REFRESH;
    item.severity = vscode.LanguageStatusSeverity.Information;
    switch (state.kind) {
      case 'off':
        item.text = 'Account look-ups off';
        item.detail = state.reason === 'untrusted' ? 'Restricted Mode' : 'setting';
        break;
      case 'idle':
        item.text = 'Account data';
        item.detail = 'not looked up yet';
        break;
      case 'loading':
        item.text = state.facts ? factsStatusText(state.facts) : 'Account data';
        item.detail = 'looking up…';
        break;
      case 'ready':
        item.text = factsStatusText(state.facts);
        item.detail = `${factsStatusDetail(state.facts)}${state.fromCache ? ' · cached' : ''}`;
        break;
      case 'failed':
        item.text = state.noCredentials ? 'No AWS credentials' : 'Account data unavailable';
        item.detail = `checking offline · ${state.message.length > 160 ? `${state.message.slice(0, 157)}…` : state.message}`;
        item.severity = state.noCredentials
          ? vscode.LanguageStatusSeverity.Information
          : vscode.LanguageStatusSeverity.Warning;
        if (state.setting) {
          // The fix is a setting: the item opens it (the Remote tab in a remote window).
          const { command, args } = openSettingsCommand(vscode.env.remoteName, state.setting);
          item.command = { title: 'Open Settings', command, arguments: args };
        }
        break;
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}

function escapeGlob(path: string): string {
  return path.replace(/[[\]{}*?]/g, (char) => `[${char}]`);
}
