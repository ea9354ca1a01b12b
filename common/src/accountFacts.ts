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
  /**
   * Automation runbooks owned by or shared with the account (listed, without parameters), plus
   * the documents the TargetIds of the files name (described: any owner and type, with
   * parameters).
   */
  documents: AccountDocument[];
  /**
   * TargetIds (as written: names or ARNs) that DescribeDocument answered "does not exist" for.
   * Only these are reported as missing: a TargetId typed after the look-up is not judged.
   */
  missingDocuments?: string[];
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
  /** The TargetId the document was described by, when it differs from `name` (an ARN). */
  requestedAs?: string;
  /** Present only for described documents ("Parameters without a default value are required"). */
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
