import type { Runbook, RunbookCatalogData } from '../data/types';

/** Look-up of known runbooks (SSM documents) by name. */
export class RunbookCatalog {
  private readonly byName = new Map<string, Runbook>();

  constructor(readonly data: RunbookCatalogData) {
    for (const runbook of data.runbooks) this.byName.set(runbook.name, runbook);
  }

  get(name: string): Runbook | undefined {
    return this.byName.get(name);
  }

  get all(): readonly Runbook[] {
    return this.data.runbooks;
  }
}
