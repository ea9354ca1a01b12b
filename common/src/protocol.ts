/**
 * Ids shared by the VS Code client, the language server and the CLI: settings, commands and custom
 * LSP messages are declared once here. Changing a value here is a breaking change for users.
 *
 * Each custom message is one typed `RequestType` / `NotificationType` (vscode-jsonrpc, which the
 * language client and the language server both use), so its method, params and result are paired
 * here once and every `sendRequest` / `onRequest` is checked against them.
 */

import { NotificationType, NotificationType0, RequestType } from 'vscode-jsonrpc';
import type { AccountFacts } from './accountFacts';

export const EXTENSION_ID = 'aws-config-remediation.aws-config-remediation';
export const SERVER_NAME = 'AWS Config Remediation';
/** `source` of every diagnostic. */
export const DIAGNOSTIC_SOURCE = 'aws-config-remediation';
export const REPOSITORY_URL = 'https://github.com/aws-config-remediation/aws-config-remediation';
export const RULES_DOC_URL = `${REPOSITORY_URL}/blob/main/docs/rules.md`;

/** The docs link of a rule: docs/rules.md has one heading per rule, "RC101 type-mismatch". */
export function ruleDocUrl(id: string, slug: string): string {
  return `${RULES_DOC_URL}#${id.toLowerCase()}-${slug}`;
}

/** The settings section; every setting below is `awsConfigRemediation.<key>`. */
export const SETTINGS_SECTION = 'awsConfigRemediation';

export const SETTINGS = {
  filesInclude: 'files.include',
  rules: 'rules',
  traceServer: 'trace.server',
  awsProfile: 'aws.profile',
  awsRegion: 'aws.region',
  awsEndpointUrl: 'aws.endpointUrl',
  accountLookups: 'account.lookups',
  /** Machine-scoped: the roll-out targets remembered per workspace folder. */
  rolloutRemembered: 'rollout.remembered',
} as const;

/** What the server reads from the settings section. */
export interface ServerSettings {
  files?: { include?: string[] };
  rules?: Record<string, string>;
}

export const COMMANDS = {
  deploy: 'awsConfigRemediation.deploy',
  deployOne: 'awsConfigRemediation.deployConfiguration',
  preview: 'awsConfigRemediation.preview',
  pull: 'awsConfigRemediation.pull',
  deployToRegions: 'awsConfigRemediation.deployToRegions',
  rollOutStackSet: 'awsConfigRemediation.rollOutStackSet',
  deployOrganizationPack: 'awsConfigRemediation.deployOrganizationConformancePack',
  showOutput: 'awsConfigRemediation.showOutput',
  restartServer: 'awsConfigRemediation.restartServer',
  refreshAccount: 'awsConfigRemediation.refreshAccount',
  exportCloudFormation: 'awsConfigRemediation.exportCloudFormation',
  exportConformancePack: 'awsConfigRemediation.exportConformancePack',
  newRequest: 'awsConfigRemediation.newRequest',
} as const;

/** Server → client: whether a document is recognised (drives the language status item). */
export const DOCUMENT_STATUS_NOTIFICATION = new NotificationType<DocumentStatusParams>(
  'awsConfigRemediation/documentStatus',
);

export interface DocumentStatusParams {
  uri: string;
  recognised: boolean;
  kind?: 'request' | 'cloudformation';
  reason?: 'file-name' | 'setting' | 'content';
  configurations?: number;
  errors?: number;
  warnings?: number;
}

/** Client → server: the payload of a document as the server checked it (deploy). */
export const PAYLOAD_REQUEST = new RequestType<PayloadParams, PayloadResult | null, void>(
  'awsConfigRemediation/payload',
);

export interface PayloadParams {
  uri: string;
}

export interface PayloadProblem {
  ruleId: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
  /** 0-based, as in LSP. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface PayloadConfiguration {
  /** The configuration as the API receives it. */
  value: Record<string, unknown>;
  /** Where it is in the file (0-based LSP range of the configuration object). */
  range: PayloadProblem['range'];
}

export interface PayloadResult {
  uri: string;
  /** The document version the payload and the problems belong to. */
  version: number;
  recognised: boolean;
  kind?: 'request' | 'cloudformation';
  format?: 'json' | 'jsonc' | 'yaml';
  configurations: PayloadConfiguration[];
  problems: PayloadProblem[];
}

/**
 * Client → server: the configurations of a document, as the server checked them, converted to a
 * CloudFormation template or a conformance pack. The conversion (and the YAML library it needs)
 * lives in the server, so that the extension's own bundle stays small and activation fast.
 */
export const EXPORT_REQUEST = new RequestType<ExportParams, ExportResponse | null, void>(
  'awsConfigRemediation/export',
);

export interface ExportParams {
  uri: string;
  target: 'cloudformation' | 'conformance-pack';
  /** The file name, mentioned in the template's description. */
  source?: string;
}

/** Either the exported text (in the document's format) or why there is none. */
export type ExportResponse =
  | { ok: true; format: 'json' | 'yaml'; text: string; warnings: string[] }
  | { ok: false; message: string };

/** Client → server: facts about the user's account (rules and runbooks), or null to clear. */
export const ACCOUNT_FACTS_NOTIFICATION = new NotificationType<AccountFacts | null>(
  'awsConfigRemediation/accountFacts',
);

/**
 * Client → server: the TargetIds (plain strings, as written) of the configurations of open
 * documents, as the language service reads them; the client describes the ones the account facts
 * do not know. Documents the server does not have, or does not recognise, add nothing.
 */
export const TARGET_IDS_REQUEST = new RequestType<TargetIdsParams, TargetIdsResult, void>(
  'awsConfigRemediation/targetIds',
);

export interface TargetIdsParams {
  uris: string[];
}

export interface TargetIdsResult {
  targetIds: string[];
}

/**
 * Test hooks, inert unless the environment variable is "1" in both the extension host and the
 * server (the server inherits it): the hidden command (no `contributes` entry, so not in the
 * Command Palette) asks the server to exit with code 70, to test that the client restarts a
 * crashed server and tells the user. Never set in production.
 */
export const TEST_HOOKS_ENV = 'AWS_CONFIG_REMEDIATION_TEST_HOOKS';
export const TEST_COMMANDS = { crashServer: 'awsConfigRemediation.test.crashServer' } as const;
export const TEST_CRASH_NOTIFICATION = new NotificationType0('awsConfigRemediation/test/crash');
export const TEST_CRASH_EXIT_CODE = 70;
