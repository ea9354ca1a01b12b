import type { ApiModel } from '../model/apiModel';
import type { AstNode, ParsedDocument } from '../model/ast';
import type { DocumentKind, EntryPoint, ShapedNode } from '../model/document';
import type { Configuration } from '../model/layout';
import type { RunbookCatalog } from '../model/catalog';
import type { AccountFacts } from '../../../../common/src/accountFacts';
import type { Fix, Severity } from '../model/problem';

export type RuleCategory = 'syntax' | 'api' | 'cross-field' | 'runbook' | 'account' | 'deploy';

/** A rule's identity and documentation; `check` is absent for problems found by the parser or deploy. */
export interface RuleDefinition {
  /** Stable id, e.g. "RC103". Never reuse or renumber: users' settings and scripts name it. */
  id: string;
  /** Stable kebab-case name, e.g. "enum-value"; accepted wherever an id is. */
  slug: string;
  severity: Severity;
  category: RuleCategory;
  /** One line: what the rule checks. */
  description: string;
  /**
   * `'configuration'`: the rule judges each configuration on its own (and each node outside the
   * configurations on its own). The engine may then run it on one configuration at a time (with
   * `shaped`, `entries` and `configurations` holding that configuration only, or only the nodes
   * outside every configuration) and reuse its findings for configurations an edit did not touch.
   * Such a rule reads nothing of other configurations (no text outside the lines of the
   * configuration it reports on), and its messages do not depend on the configuration's position.
   * Unset (`'document'`): the rule always sees the whole document, e.g. to compare configurations
   * with each other; keep such rules linear.
   */
  scope?: 'configuration' | 'document';
  check?(context: RuleContext): void;
}

export interface ReportOptions {
  fixes?: Fix[];
  /** Overrides the rule's default severity for this one problem (settings still win). */
  severity?: Severity;
}

/** What a rule sees: the parsed document, the model and helpers to report. */
export interface RuleContext {
  readonly parsed: ParsedDocument;
  readonly kind: DocumentKind;
  readonly model: ApiModel;
  readonly catalog: RunbookCatalog;
  readonly resourceTypes: ReadonlySet<string>;
  /** Facts about the user's AWS account, when look-ups are on (undefined offline). */
  readonly account: AccountFacts | undefined;
  readonly entries: readonly EntryPoint[];
  /**
   * Every node paired with its shape, in document order (computed once per validation). Rules
   * loop over it (and `configurations`) with an index: opening a large file runs them on
   * thousands of configurations before the engine has optimised them, and a for-of loop there
   * allocates an iterator result per item (a tenth of what an open allocated).
   */
  readonly shaped: readonly ShapedNode[];
  readonly configurations: readonly Configuration[];
  /** True for values the checks must skip (CloudFormation intrinsic functions). */
  isOpaque(node: AstNode): boolean;
  /**
   * A value computed from one configuration, kept while the configuration is unchanged (across
   * edits, when checking incrementally). For document rules, which read every configuration after
   * every edit: with it an unchanged configuration costs a look-up, not a walk of its nodes. The
   * value must depend on that configuration only; `key` names it (e.g. the rule id).
   */
  memo<T>(configuration: Configuration, key: string, compute: () => T): T;
  report(
    target: AstNode | { offset: number; length: number },
    message: string,
    options?: ReportOptions,
  ): void;
}
