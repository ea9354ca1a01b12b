/**
 * Facts of the API's RemediationConfiguration shape that both the language service (completion,
 * rule RC205, the CloudFormation resource and export) and the AWS boundary (comparing, pulling)
 * need, declared once. Types and constants only: the language service reads it through
 * server/src/languageService/model/apiModel.ts.
 */

/**
 * Members the service fills in and returns (DescribeRemediationConfigurations), not for sending:
 * ignored when comparing, dropped when pulling or exporting, absent from the CloudFormation
 * resource, reported by RC205 output-only-member in a request.
 */
export const OUTPUT_ONLY_MEMBERS = ['Arn', 'CreatedByService'] as const;

export type OutputOnlyMember = (typeof OUTPUT_ONLY_MEMBERS)[number];

export function isOutputOnlyMember(name: string): name is OutputOnlyMember {
  return (OUTPUT_ONLY_MEMBERS as readonly string[]).includes(name);
}
