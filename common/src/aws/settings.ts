/**
 * Resolution of the AWS profile, region and endpoint override.
 *
 * Order (documented in the README "Deploy" section):
 *  - profile: explicit (VS Code setting / `--profile`), then `AWS_PROFILE`, else the SDK default
 *    chain (env credentials, then the `default` profile);
 *  - region: explicit (setting / `--region`), then `AWS_REGION`, then `AWS_DEFAULT_REGION`, then
 *    the `region` of the profile in the shared config file (`AWS_CONFIG_FILE`, ~/.aws/config);
 *  - endpoint: explicit only; must be https, or http to a loopback address.
 *
 * Nothing here creates an SDK client; the shared-config loader is imported lazily.
 */

import { redact } from './redact';

/** What the user (settings or flags) asked for. Empty strings count as "not set". */
export interface AwsSettingsInput {
  /** Named profile from the shared config/credentials files. */
  profile?: string;
  /** AWS region, e.g. `us-east-1`. */
  region?: string;
  /** Endpoint override (tests, VPC endpoints). https, or http to a loopback address only. */
  endpointUrl?: string;
}

/** Where a resolved value came from. */
export type ProfileSource = 'explicit' | 'env:AWS_PROFILE' | 'default';
/** Where the resolved region came from. */
export type RegionSource = 'explicit' | 'env:AWS_REGION' | 'env:AWS_DEFAULT_REGION' | 'profile';

/** The settings every AWS call of a session uses. */
export interface ResolvedAwsSettings {
  /**
   * Profile to hand to the SDK, or `undefined` for the SDK's default chain (env credentials
   * first, then the `default` profile). Never set to `'default'` implicitly, because an explicit
   * profile makes the SDK skip env credentials.
   */
  profile: string | undefined;
  /** Profile name for display (`default` when none was chosen). */
  profileName: string;
  profileSource: ProfileSource;
  region: string;
  regionSource: RegionSource;
  /** Normalised endpoint override (no trailing slash), if any. */
  endpointUrl: string | undefined;
  /** Shared config file path from the environment (`AWS_CONFIG_FILE`), if set. */
  configFilepath: string | undefined;
  /** Shared credentials file path from the environment (`AWS_SHARED_CREDENTIALS_FILE`), if set. */
  credentialsFilepath: string | undefined;
}

/** Environment variables the resolution reads (defaults to `process.env`). */
export type AwsEnv = Readonly<Record<string, string | undefined>>;

/** A settings problem the user must fix (bad endpoint, no region, ...). The message says how. */
export class AwsSettingsError extends Error {
  constructor(message: string) {
    super(redact(message));
    this.name = 'AwsSettingsError';
  }
}

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

/** True for 127.0.0.0/8, `localhost`, and `[::1]` (and the IPv4-mapped form of 127/8). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) {
    return true;
  }
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') {
    return true;
  }
  const v4 = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(v4);
  return m !== null && Number(m[1]) === 127 && m.slice(2).every((p) => Number(p) <= 255);
}

/**
 * Validates an endpoint override and returns it normalised (no trailing slash).
 * Accepts `https://host[:port][/path]`, and `http://` only for loopback hosts.
 * @throws AwsSettingsError with a message naming the problem and the fix.
 */
export function validateEndpointUrl(endpointUrl: string): string {
  let url: URL;
  try {
    url = new URL(endpointUrl.trim());
  } catch {
    throw new AwsSettingsError(
      `The endpoint override "${endpointUrl}" is not a valid URL. Use https://host[:port], or http://127.0.0.1:PORT for a local endpoint, or clear the setting.`,
    );
  }
  if (url.username || url.password) {
    throw new AwsSettingsError(
      'The endpoint override must not contain a user name or password. Remove them from the URL.',
    );
  }
  if (url.search || url.hash) {
    throw new AwsSettingsError(
      `The endpoint override "${url.origin}${url.pathname}" must not have a query or fragment. Remove them from the URL.`,
    );
  }
  if (url.protocol === 'https:') {
    // fine
  } else if (url.protocol === 'http:') {
    if (!isLoopbackHost(url.hostname)) {
      throw new AwsSettingsError(
        `The endpoint override "${url.origin}" uses http to a non-loopback host. Credentials-signed requests may only go over http to 127.0.0.1, localhost or [::1]; use https://${url.host} instead, or clear the setting.`,
      );
    }
  } else {
    throw new AwsSettingsError(
      `The endpoint override "${endpointUrl}" must use https (or http to a loopback address), not ${url.protocol.replace(/:$/, '')}.`,
    );
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** Checks the shape of a region name (`us-east-1`, `eu-central-2`, `us-gov-west-1`, ...). */
export function validateRegion(region: string, source: string): string {
  if (!REGION_PATTERN.test(region)) {
    throw new AwsSettingsError(
      `The AWS region "${region}" (from ${source}) is not a region name like us-east-1. Fix the region setting, --region, AWS_REGION or the profile's region.`,
    );
  }
  return region;
}

/** Reads the `region` of `profileName` from the shared config (then credentials) file. */
async function regionOfProfile(
  profileName: string,
  configFilepath: string | undefined,
  credentialsFilepath: string | undefined,
): Promise<string | undefined> {
  const { loadSharedConfigFiles } = await import('@smithy/core/config');
  const files = await loadSharedConfigFiles({
    configFilepath,
    filepath: credentialsFilepath,
    ignoreCache: true,
  });
  return (
    nonEmpty(files.configFile[profileName]?.region) ??
    nonEmpty(files.credentialsFile[profileName]?.region)
  );
}

/**
 * A named profile must exist in the shared files: else the SDK reports it as missing credentials
 * (or the region step as a missing region), which sends the user after the wrong problem.
 */
async function requireProfile(
  profile: string,
  source: ProfileSource,
  configFilepath: string | undefined,
  credentialsFilepath: string | undefined,
): Promise<void> {
  let files;
  try {
    const { loadSharedConfigFiles } = await import('@smithy/core/config');
    files = await loadSharedConfigFiles({
      configFilepath,
      filepath: credentialsFilepath,
      ignoreCache: true,
    });
  } catch {
    return; // unreadable files are reported where they are read for the region or credentials
  }
  if (Object.hasOwn(files.configFile, profile) || Object.hasOwn(files.credentialsFile, profile)) {
    return;
  }
  const from = source === 'env:AWS_PROFILE' ? 'AWS_PROFILE' : 'the profile setting or --profile';
  throw new AwsSettingsError(
    `AWS profile "${profile}" (from ${from}) not found in ${configFilepath ?? '~/.aws/config'} or ${credentialsFilepath ?? '~/.aws/credentials'}. Next step: name a profile those files define, or add it (aws configure --profile ${profile}, or aws configure sso).`,
  );
}

/**
 * Resolves profile, region and endpoint override in the documented order.
 * @param input explicit values (VS Code settings or CLI flags); empty strings are "not set".
 * @param env the environment to read (`process.env` by default).
 * @throws AwsSettingsError when the endpoint is not allowed or no region can be found.
 */
export async function resolveAwsSettings(
  input: AwsSettingsInput = {},
  env: AwsEnv = process.env,
): Promise<ResolvedAwsSettings> {
  const endpointInput = nonEmpty(input.endpointUrl);
  const endpointUrl = endpointInput === undefined ? undefined : validateEndpointUrl(endpointInput);

  const explicitProfile = nonEmpty(input.profile);
  const envProfile = nonEmpty(env.AWS_PROFILE);
  const profile = explicitProfile ?? envProfile;
  const profileSource: ProfileSource = explicitProfile
    ? 'explicit'
    : envProfile
      ? 'env:AWS_PROFILE'
      : 'default';
  const profileName = profile ?? 'default';

  const configFilepath = nonEmpty(env.AWS_CONFIG_FILE);
  const credentialsFilepath = nonEmpty(env.AWS_SHARED_CREDENTIALS_FILE);
  if (profile !== undefined) {
    await requireProfile(profile, profileSource, configFilepath, credentialsFilepath);
  }

  let region: string | undefined;
  let regionSource: RegionSource | undefined;
  const candidates: [string | undefined, RegionSource][] = [
    [nonEmpty(input.region), 'explicit'],
    [nonEmpty(env.AWS_REGION), 'env:AWS_REGION'],
    [nonEmpty(env.AWS_DEFAULT_REGION), 'env:AWS_DEFAULT_REGION'],
  ];
  for (const [value, source] of candidates) {
    if (value !== undefined) {
      region = value;
      regionSource = source;
      break;
    }
  }
  if (region === undefined) {
    let fromProfile: string | undefined;
    try {
      fromProfile = await regionOfProfile(profileName, configFilepath, credentialsFilepath);
    } catch (e) {
      throw new AwsSettingsError(
        `Could not read the AWS shared config file to find the region of profile "${profileName}": ${e instanceof Error ? e.message : String(e)}. Fix the file, or set the region explicitly (setting or --region) or AWS_REGION.`,
      );
    }
    if (fromProfile !== undefined) {
      region = fromProfile;
      regionSource = 'profile';
    }
  }
  if (region === undefined || regionSource === undefined) {
    throw new AwsSettingsError(
      `No AWS region is set. Set the region setting or --region, or AWS_REGION, or add "region = ..." to profile "${profileName}" in ${configFilepath ?? '~/.aws/config'}.`,
    );
  }
  validateRegion(region, regionSource === 'explicit' ? 'settings' : regionSource);

  return {
    profile,
    profileName,
    profileSource,
    region,
    regionSource,
    endpointUrl,
    configFilepath,
    credentialsFilepath,
  };
}

/** One line describing the settings, for logs and confirmation prompts. */
export function describeSettings(s: ResolvedAwsSettings): string {
  const region =
    s.regionSource === 'explicit'
      ? s.region
      : `${s.region} (from ${s.regionSource === 'profile' ? `profile ${s.profileName}` : s.regionSource.slice(4)})`;
  const profile =
    s.profileSource === 'default'
      ? 'default credential chain'
      : `profile ${s.profileName}${s.profileSource === 'explicit' ? '' : ' (from AWS_PROFILE)'}`;
  return `${profile}, region ${region}${s.endpointUrl ? `, endpoint ${s.endpointUrl}` : ''}`;
}
