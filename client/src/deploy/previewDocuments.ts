import * as vscode from 'vscode';
import type { PreviewEntry, PreviewModel } from './model';
import { previewText } from './model';

/** The scheme of the read-only preview documents (the preview and both sides of each diff). */
export const PREVIEW_SCHEME = 'aws-config-remediation-preview';

/** How many previews keep their documents; older ones are forgotten. */
const KEPT_PREVIEWS = 5;

/**
 * Serves the preview documents from memory: `/<id>/<file> preview.diff`, and for each
 * configuration `/<id>/deployed/<rule>.json` and `/<id>/file/<rule>.json`.
 */
export class PreviewDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly previews: string[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private next = 1;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return (
      this.contents.get(uri.path) ??
      '// This preview is no longer available. Run "AWS Config: Preview Remediation Deployment" again.\n'
    );
  }

  /** Stores the documents of a preview; returns the URI of its summary document. */
  add(model: PreviewModel): PreviewHandle {
    const id = String(this.next++);
    this.previews.push(id);
    while (this.previews.length > KEPT_PREVIEWS) {
      const old = this.previews.shift() ?? '';
      for (const key of [...this.contents.keys()]) {
        if (key.startsWith(`/${old}/`)) this.contents.delete(key);
      }
    }
    const base = model.fileLabel.split(/[\\/]/).pop() ?? 'file';
    const summary = vscode.Uri.from({
      scheme: PREVIEW_SCHEME,
      path: `/${id}/${base} preview.diff`,
    });
    this.contents.set(summary.path, previewText(model));
    const sides = new Map<number, { deployed: vscode.Uri; local: vscode.Uri }>();
    for (const entry of model.entries) {
      const name = safeName(entry.ruleName || `configuration-${entry.index + 1}`);
      const deployed = vscode.Uri.from({
        scheme: PREVIEW_SCHEME,
        path: `/${id}/deployed/${entry.index}-${name}.json`,
      });
      const local = vscode.Uri.from({
        scheme: PREVIEW_SCHEME,
        path: `/${id}/file/${entry.index}-${name}.json`,
      });
      this.contents.set(deployed.path, entry.deployedText ?? '');
      this.contents.set(local.path, entry.localText);
      sides.set(entry.index, { deployed, local });
    }
    return {
      summary,
      diff: async (entry: PreviewEntry) => {
        const side = sides.get(entry.index);
        if (!side) return;
        const title =
          entry.status === 'new'
            ? `${entry.ruleName}: not deployed ↔ ${base}`
            : `${entry.ruleName}: deployed ↔ ${base}`;
        await vscode.commands.executeCommand('vscode.diff', side.deployed, side.local, title, {
          preview: true,
          preserveFocus: true,
        });
      },
    };
  }

  dispose(): void {
    this.changed.dispose();
    this.contents.clear();
  }
}

/** The documents of one preview. */
export interface PreviewHandle {
  summary: vscode.Uri;
  /** Opens the diff (deployed ↔ file) of one configuration. */
  diff(entry: PreviewEntry): Promise<void>;
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
}
