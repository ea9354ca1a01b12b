/**
 * Types of the generated data files in this folder. The JSON files are produced by
 * `scripts/generate-data.mjs` from `data/source/` and committed; never edit them by hand.
 */

/** One shape of the AWS service model, as in put-remediation-configurations.shapes.json. */
export interface ApiShape {
  type: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'boolean';
  required?: string[];
  members?: Record<string, { shape: string }>;
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
}

/** Documentation of one request member, addressed by its doc path (see ApiModelData.members). */
export interface MemberDoc {
  /** Markdown converted from the .rst description of the member. */
  documentation: string;
  /** The default the API text states ("If you do not select a number, the default is 5."). */
  default?: number | string | boolean;
  /** Ids of operation notes (ApiModelData.notes) that concern this member. */
  notes?: string[];
}

export interface ApiNote {
  /** Stable id, e.g. "backward-incompatible-changes", "required-fields", "stale-compliance-data". */
  id: string;
  /** The note's bold title in the API text, e.g. "Be aware of backward incompatible changes". */
  title: string;
  markdown: string;
}

/** apiModel.json */
export interface ApiModelData {
  /** Where the data came from (file names in data/source/). */
  source: string;
  apiVersion: string;
  operation: string;
  /** "PutRemediationConfigurationsRequest" */
  rootShape: string;
  errors: string[];
  shapes: Record<string, ApiShape>;
  /** The operation description as markdown (without the notes). */
  operationDocumentation: string;
  notes: ApiNote[];
  /**
   * Member docs keyed by doc path: member names from the request root joined by ".", list items
   * are transparent and a map value is "*". Examples: "RemediationConfigurations",
   * "RemediationConfigurations.ConfigRuleName", "RemediationConfigurations.Parameters.*",
   * "RemediationConfigurations.Parameters.*.StaticValue.Values",
   * "RemediationConfigurations.ExecutionControls.SsmControls.ErrorPercentage".
   */
  members: Record<string, MemberDoc>;
}

/** resourceTypes.json */
export interface ResourceTypesData {
  source: string;
  resourceTypes: string[];
}

export interface RunbookParameter {
  name: string;
  /** As published: String, StringList, Boolean, Integer, StringMap, AWS::IAM::Role::Arn, ... */
  type: string;
  required: boolean;
  default?: unknown;
  allowedValues?: string[];
  allowedPattern?: string;
}

export interface Runbook {
  name: string;
  description: string;
  resourceType: string | null;
  resourceIdParameter: string | null;
  managedRules: string[];
  parameters: RunbookParameter[];
  /**
   * The document's top-level `assumeRole`, when known (runbooks defined in a template): a fixed
   * ARN, or `{{ Parameter }}` naming the parameter that carries the role.
   */
  assumeRole?: string;
  /** Link to the AWS runbook reference page, when the catalog has one. */
  docUrl?: string;
}

/** runbooks.json */
export interface RunbookCatalogData {
  source: string;
  runbooks: Runbook[];
}
