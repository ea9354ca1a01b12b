/**
 * What "AWS Config: New Remediation Request" opens (an untitled YAML document): one configuration
 * of an AWS-managed rule with its AWS-owned runbook, manual, with the role to fill in. The role's
 * account id is the documentation placeholder, which RC203 reports until it is replaced: the
 * walkthrough's "fix what the checks find" step starts from it. Pure (no VS Code): unit-tested.
 */
export const STARTER_REQUEST = `# A PutRemediationConfigurations request: deploy it with "AWS Config: Deploy Remediation
# Configurations", or with aws configservice put-remediation-configurations --cli-input-yaml.
RemediationConfigurations:
  - ConfigRuleName: s3-bucket-logging-enabled
    TargetType: SSM_DOCUMENT
    TargetId: AWS-ConfigureS3BucketLogging
    ResourceType: AWS::S3::Bucket
    Automatic: false
    Parameters:
      BucketName:
        ResourceValue:
          Value: RESOURCE_ID
      TargetBucket:
        StaticValue:
          Values:
            - my-access-log-bucket
      AutomationAssumeRole:
        StaticValue:
          Values:
            - arn:aws:iam::123456789012:role/ConfigRemediationRole
`;
