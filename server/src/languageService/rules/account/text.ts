/**
 * The API text the account rules quote (PutRemediationConfigurations, in
 * data/apiModel.json: operationDocumentation and the note "backward-incompatible-changes").
 * test/unit/accountRules.test.ts checks that each quote is in the API model verbatim.
 */
export { SERVICE_LINKED_TEXT } from '../crossField/serviceLinkedRule';

export const RULE_MUST_EXIST_TEXT =
  'The Config rule must already exist for you to add a remediation configuration.';

export const TARGET_MUST_EXIST_TEXT =
  'The target (SSM document) must exist and have permissions to use the target.';
