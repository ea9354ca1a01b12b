/**
 * The deploy's dialogs in VS Code: the confirmation modal and the review list of the preview
 * (each configuration by status; choosing one opens its diff).
 */

import * as vscode from 'vscode';
import type { PreviewEntry, PreviewModel } from './model';
import { countsText, plural } from './model';
import type { PreviewHandle } from './previewDocuments';

/**
 * The modal. "Show Changes" opens the review list (each configuration's diff); choosing
 * "Deploy…" there comes back to the modal.
 */
export async function confirmModal(
  text: { message: string; detail: string },
  preview: PreviewModel,
  handle: PreviewHandle | undefined,
): Promise<boolean> {
  const DEPLOY = 'Deploy';
  const SHOW = 'Show Changes';
  for (;;) {
    const choice = await vscode.window.showWarningMessage(
      text.message,
      { modal: true, detail: text.detail },
      DEPLOY,
      ...(handle ? [SHOW] : []),
    );
    if (choice === DEPLOY) return true;
    if (choice !== SHOW || !handle) return false;
    if ((await reviewChanges(preview, handle)) !== 'deploy') return false;
  }
}

/** A list of the configurations by status; choosing one opens its diff. */
export function reviewChanges(
  preview: PreviewModel,
  handle: PreviewHandle,
): Promise<'deploy' | undefined> {
  type Item = vscode.QuickPickItem & { entry?: PreviewEntry; deploy?: boolean };
  const items: Item[] = [
    {
      label: `$(cloud-upload) Deploy ${plural(preview.entries.length, 'configuration')}…`,
      description: `account ${preview.account}, ${preview.region}`,
      deploy: true,
    },
  ];
  const groups: [PreviewEntry['status'], string, string][] = [
    ['changed', 'Changed', '$(diff-modified)'],
    ['new', 'New', '$(diff-added)'],
    ['unchanged', 'Unchanged', '$(check)'],
  ];
  for (const [status, title, icon] of groups) {
    const entries = preview.entries.filter((e) => e.status === status);
    if (entries.length === 0) continue;
    items.push({ label: title, kind: vscode.QuickPickItemKind.Separator });
    for (const entry of entries) {
      items.push({
        label: `${icon} ${entry.ruleName}`,
        description: `line ${entry.range.start.line + 1}`,
        detail: status === 'unchanged' ? undefined : 'Show diff',
        entry,
      });
    }
  }
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<Item>();
    pick.title = `Deploy preview: ${countsText(preview.counts)} (account ${preview.account}, ${preview.region})`;
    pick.placeholder = 'Choose a configuration to see its diff, or Deploy';
    pick.items = items;
    pick.ignoreFocusOut = true;
    let result: 'deploy' | undefined;
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0];
      if (item?.deploy) {
        result = 'deploy';
        pick.hide();
      } else if (item?.entry) {
        void handle.diff(item.entry);
      }
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(result);
    });
    pick.show();
  });
}
