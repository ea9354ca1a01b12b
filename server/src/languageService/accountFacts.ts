/**
 * Facts about the user's AWS account that the client looks up and passes to the server as data
 * (the server never calls AWS). Undefined when look-ups are off or have not run.
 */
export interface AccountFacts {
  accountId: string;
  region: string;
  /** ISO timestamp of the look-up. */
  fetchedAt: string;
  /** Config rules in the account and region. */
  configRules: AccountConfigRule[];
  /** Automation runbooks owned by or shared with the account (not AWS-owned ones). */
  documents: AccountDocument[];
}

export interface AccountConfigRule {
  name: string;
  /** Set for service-linked rules (e.g. "securityhub.amazonaws.com"). */
  createdBy?: string;
  /** Scope.ComplianceResourceTypes. */
  resourceTypes?: string[];
}

export interface AccountDocument {
  name: string;
  documentType: string;
  owner?: string;
  description?: string;
  parameters?: {
    name: string;
    type: string;
    required: boolean;
    default?: unknown;
    allowedValues?: string[];
    allowedPattern?: string;
    description?: string;
  }[];
}
