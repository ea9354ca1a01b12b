/**
 * The runbooks the language service knows: the bundled catalog of AWS-managed runbooks, merged
 * (in one place, here) with the account's described Automation runbooks when there are account
 * facts, so that the runbook rules, the parameter completion and hover treat a custom runbook like
 * a catalogued one. Without facts the catalog is the bundled one: offline behaviour does not change.
 */
import type { AccountDocument, AccountFacts } from '../../../../common/src/accountFacts';
import type { Runbook, RunbookCatalogData } from '../data/types';
import type { AstNode } from './ast';
import { AUTOMATION, findAccountDocument } from './account';

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

  /**
   * The runbook a TargetId that is not a plain name stands for (a CloudFormation Ref to a document
   * of the same template, see templateRunbooks.ts); the bundled catalog knows none.
   */
  runbookOfTarget(_node: AstNode | undefined): Runbook | undefined {
    return undefined;
  }
}

const runbookCache = new WeakMap<AccountDocument, Runbook>();
const accountRunbookSet = new WeakSet<Runbook>();

/**
 * A described Automation document as a catalog `Runbook`; undefined for other document types and
 * for documents whose parameters are not known (only listed), which are then not checked.
 */
export function accountRunbook(document: AccountDocument | undefined): Runbook | undefined {
  if (!document || document.documentType !== AUTOMATION || !document.parameters) return undefined;
  let runbook = runbookCache.get(document);
  if (!runbook) {
    runbook = {
      name: document.name,
      description: document.description ?? '',
      resourceType: null,
      resourceIdParameter: null,
      managedRules: [],
      parameters: document.parameters.map((p) => ({
        name: p.name,
        type: p.type,
        required: p.required,
        ...(p.default !== undefined ? { default: p.default } : {}),
        ...(p.allowedValues ? { allowedValues: p.allowedValues } : {}),
        ...(p.allowedPattern ? { allowedPattern: p.allowedPattern } : {}),
      })),
    };
    runbookCache.set(document, runbook);
    accountRunbookSet.add(runbook);
  }
  return runbook;
}

/** Runbooks that come from the account (not the bundled catalog), for hover and completion text. */
export function isAccountRunbook(runbook: Runbook): boolean {
  return accountRunbookSet.has(runbook);
}

/**
 * The catalog plus the account's described Automation runbooks: `get(TargetId)` answers from the
 * catalog first, then from the account (names and ARNs); `all` stays the bundled catalog (the
 * AWS-managed runbooks). Without facts: the catalog itself.
 */
class AccountRunbookCatalog extends RunbookCatalog {
  constructor(
    private readonly base: RunbookCatalog,
    private readonly account: AccountFacts,
  ) {
    super(base.data as RunbookCatalogData);
  }

  override get(name: string): Runbook | undefined {
    const catalogued = this.base.get(name);
    if (catalogued) return catalogued;
    return accountRunbook(findAccountDocument(this.account, name));
  }

  override get all(): readonly Runbook[] {
    return this.base.all;
  }

  override runbookOfTarget(node: AstNode | undefined): Runbook | undefined {
    return this.base.runbookOfTarget(node);
  }
}

const catalogs = new WeakMap<RunbookCatalog, WeakMap<AccountFacts, RunbookCatalog>>();

export function catalogWithAccount(
  catalog: RunbookCatalog,
  account: AccountFacts | undefined,
): RunbookCatalog {
  if (!account) return catalog;
  let byAccount = catalogs.get(catalog);
  if (!byAccount) {
    byAccount = new WeakMap();
    catalogs.set(catalog, byAccount);
  }
  let combined = byAccount.get(account);
  if (!combined) {
    combined = new AccountRunbookCatalog(catalog, account);
    byAccount.set(account, combined);
  }
  return combined;
}
