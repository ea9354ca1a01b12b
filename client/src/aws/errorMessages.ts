/**
 * AWS failures as the editor tells them: the setting to change (named by its id, opened by an
 * "Open Settings" button) instead of the CLI's flags. The AWS boundary classifies a failure once
 * for both front ends (common/src/aws/errors.ts); this maps its kind to what VS Code offers. No
 * vscode import: unit-tested.
 */
import { SETTINGS, SETTINGS_SECTION } from '../../../common/src/protocol';

/** The part of a classified AWS failure this needs (common/src/aws `ClassifiedAwsError`). */
export interface AwsFailure {
  kind: string;
  message: string;
}

/** A failure as the editor shows it. */
export interface EditorAwsError {
  /** The message, naming settings by id, without CLI flags. */
  message: string;
  /** The full id of the setting that fixes it (the "Open Settings" button), if one does. */
  setting?: string;
}

export const PROFILE_SETTING = `${SETTINGS_SECTION}.${SETTINGS.awsProfile}`;
export const REGION_SETTING = `${SETTINGS_SECTION}.${SETTINGS.awsRegion}`;
export const ENDPOINT_SETTING = `${SETTINGS_SECTION}.${SETTINGS.awsEndpointUrl}`;

/** The CLI's wording of settings and flags, in the editor's words. */
const EDITOR_WORDS: readonly [RegExp, string][] = [
  [
    /Set the region setting or --region, or AWS_REGION,/g,
    `Set "${REGION_SETTING}" in the settings, or AWS_REGION,`,
  ],
  [
    /Fix the region setting, --region, AWS_REGION/g,
    `Fix the setting "${REGION_SETTING}", AWS_REGION`,
  ],
  [/\(setting or --region\)/g, `(the setting "${REGION_SETTING}")`],
  [/\(setting or --profile\)/g, `(the setting "${PROFILE_SETTING}")`],
  [/the profile setting or --profile/g, `the setting "${PROFILE_SETTING}"`],
  [/the endpoint override setting/g, `the setting "${ENDPOINT_SETTING}"`],
  [/or clear the setting\./g, `or clear the setting "${ENDPOINT_SETTING}".`],
];

/** The setting a failure of the settings kind is about, from its message. */
function settingOfSettingsError(message: string): string | undefined {
  if (/endpoint override/i.test(message)) return ENDPOINT_SETTING;
  if (/AWS profile ".*" .*not found/.test(message)) return PROFILE_SETTING;
  if (/region/i.test(message)) return REGION_SETTING;
  return undefined;
}

/**
 * The editor's message and setting for a classified AWS failure: no region or an invalid one →
 * the region setting; no credentials, a profile not found, expired or rejected credentials,
 * access denied → the profile setting (another profile may have them); a bad endpoint override →
 * the endpoint setting; a network failure → the endpoint setting when one is set, else the region
 * (the endpoint is the region's); throttling and other failures → none (the log says more).
 */
export function editorAwsError(failure: AwsFailure, endpointSet = false): EditorAwsError {
  let message = failure.message;
  for (const [pattern, words] of EDITOR_WORDS) message = message.replace(pattern, words);
  let setting: string | undefined;
  switch (failure.kind) {
    case 'settings':
      setting = settingOfSettingsError(failure.message);
      break;
    case 'missing-credentials':
    case 'expired-credentials':
    case 'invalid-credentials':
    case 'insufficient-permissions':
      setting = PROFILE_SETTING;
      break;
    case 'network':
    case 'timeout':
      setting = endpointSet ? ENDPOINT_SETTING : REGION_SETTING;
      break;
    case 'not-found':
      setting = REGION_SETTING;
      break;
    default:
      setting = undefined;
  }
  if (setting && !message.includes(`"${setting}"`)) {
    message = `${message.replace(/\s*$/, '')} Setting: "${setting}".`;
  }
  return setting ? { message, setting } : { message };
}

/**
 * The command that opens the settings at one setting. AWS settings are machine-scoped: in a
 * remote window (SSH, WSL, dev container) they live under the Remote tab, which
 * `workbench.action.openRemoteSettings` opens; else the user settings, searched for the id.
 */
export function openSettingsCommand(
  remoteName: string | undefined,
  setting: string,
): { command: string; args: unknown[] } {
  return remoteName
    ? { command: 'workbench.action.openRemoteSettings', args: [setting] }
    : { command: 'workbench.action.openSettings', args: [setting] };
}
