/**
 * The AWS boundary of aws-config-remediation: the only module through which the VS Code client
 * and the CLI talk to AWS (AWS SDK for JavaScript v3).
 *
 * Typical use:
 * ```ts
 * const ctx = await createAwsContext({ profile, region, endpointUrl, logger });
 * try {
 *   const account = await getAccount(ctx);
 *   const deployed = await describeDeployed(ctx, configs.map((c) => c.ConfigRuleName ?? ''));
 *   const plan = planDeployment(configs, deployed);
 *   // ... confirm with the user ...
 *   const report = await deploy(ctx, configs, { signal, onProgress });
 * } finally {
 *   ctx.close();
 * }
 * ```
 * Importing this module creates no client and does no I/O; the SDK packages are loaded when it
 * is imported, so the VS Code client should `await import()` it on first use.
 */

export type { AwsLogger } from './logger';
export { silentLogger, redactingLogger } from './logger';
export { redact, Redactor } from './redact';
export type {
  AwsEnv,
  AwsSettingsInput,
  ProfileSource,
  RegionSource,
  ResolvedAwsSettings,
} from './settings';
export {
  AwsSettingsError,
  describeSettings,
  isLoopbackHost,
  resolveAwsSettings,
  validateEndpointUrl,
  validateRegion,
} from './settings';
export type { AwsErrorKind, ClassifiedAwsError, ErrorContext } from './errors';
export { AwsOperationError, classifyAwsError } from './errors';
export type { AwsClientOptions, AwsClients, AwsContext, AwsContextOptions } from './clients';
export { createAwsClients, createAwsContext } from './clients';
export {
  OUTPUT_ONLY_MEMBERS,
  REMEDIATION_DEFAULTS,
  REMEDIATION_MEMBER_ORDER,
  canonicalJson,
  comparableForm,
  findUnsendableMembers,
  toCanonicalConfiguration,
} from './normalize';
export type { UnsendableMember } from './normalize';
export type {
  AwsAccount,
  DeployItemResult,
  DeployItemStatus,
  DeployOptions,
  DeployProgress,
  DeployReport,
  DeploymentPlan,
  PlanItem,
  PlanOptions,
  PlanStatus,
} from './deploy';
export {
  MAX_BATCH_SIZE,
  classifyFor,
  deploy,
  describeDeployed,
  formatDeployReport,
  formatDeploySummary,
  formatPlan,
  getAccount,
  planDeployment,
} from './deploy';
export type { DocumentFormat, PullOptions, PullResult } from './pull';
export { formatRemediationDocument, listConfigRuleNames, pull } from './pull';
export type { RemediationConfiguration } from '@aws-sdk/client-config-service';
export type {
  AccountConfigRule,
  AccountDocument,
  AccountFacts,
  AccountLookupOptions,
  DescribedDocuments,
} from './account';
export {
  MAX_DESCRIBED_DOCUMENTS,
  describeDocuments,
  listAccountConfigRules,
  listAccountRunbooks,
  lookUpAccount,
  parametersOfContent,
  targetIdsToDescribe,
  withDescribedDocuments,
} from './account';
export type {
  CallAs,
  CountOrPercent,
  DeployedStackSet,
  InstanceResult,
  PermissionModel,
  PlannedInstance,
  RolloutOptions,
  RolloutPreferences,
  RolloutProgress,
  RolloutReport,
  StackSetInstance,
  StackSetOperationReport,
  StackSetPlan,
  StackSetTargets,
} from './stackSets';
export {
  DEFAULT_ROLLOUT_PREFERENCES,
  describeOperationCommand,
  describeStackSet,
  followOperation,
  instanceGroups,
  planStackSet,
  rollOutStackSet,
} from './stackSets';
export type {
  DeployedOrganizationConformancePack,
  MemberPackStatus,
  OrganizationPackOptions,
  OrganizationPackReport,
} from './organizationConformancePacks';
export {
  describeOrganizationConformancePack,
  followOrganizationConformancePack,
  putOrganizationConformancePack,
} from './organizationConformancePacks';
