/**
 * What `deploy` and `pull` share: the AWS flags, loading the AWS boundary module on demand (so
 * `check` never evaluates the SDK), a stderr logger for `--verbose`, and turning AWS failures
 * into one-line messages with the right exit code.
 */

import type * as AwsModuleNs from '../../common/src/aws';
import type { AwsAccount, AwsLogger, ResolvedAwsSettings } from '../../common/src/aws';
import { EXIT, UserError } from './errors';

export type AwsModule = typeof AwsModuleNs;

/** The flags every AWS command takes (parseArgs option specs). */
export const AWS_OPTIONS = {
  profile: { type: 'string' },
  region: { type: 'string' },
  'endpoint-url': { type: 'string' },
  verbose: { type: 'boolean' },
} as const;

export const AWS_OPTIONS_USAGE = `  --profile P          AWS profile (else AWS_PROFILE, else the default credential chain).
  --region R           AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the profile's region).
  --endpoint-url URL   Endpoint override: https, or http to 127.0.0.1/localhost/[::1] only.
  --verbose            Log every AWS call on stderr (secrets are redacted).`;

/**
 * Loads the AWS boundary (and with it the SDK). The SDK's Node version warning is turned off:
 * it would print on every run and says nothing the user can act on here.
 */
export async function loadAws(): Promise<AwsModule> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return import('../../common/src/aws');
}

/** Writes the module's log lines to stderr (they arrive redacted). */
export function stderrLogger(): AwsLogger {
  const write = (level: string) => (msg: string) => {
    process.stderr.write(`[${level}] ${msg}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

/**
 * Converts a failure before anything was sent (settings, credentials, network, permissions) into
 * a {@link UserError} with exit code 2: the command could not do its job. Other errors pass.
 */
export function asUserError(aws: AwsModule, error: unknown): unknown {
  if (error instanceof aws.AwsSettingsError || error instanceof aws.AwsOperationError) {
    return new UserError(aws.redact(error.message), EXIT.usage);
  }
  return error;
}

/** `Account 123456789012 (arn…), region us-east-1 (from --region), profile dev (from --profile)`. */
export function describeTarget(account: AwsAccount, s: ResolvedAwsSettings): string {
  const regionFrom =
    s.regionSource === 'explicit'
      ? '--region'
      : s.regionSource === 'profile'
        ? `profile ${s.profileName}`
        : s.regionSource.slice('env:'.length);
  const profile = describeProfile(s);
  return `Account ${account.account}${account.arn ? ` (${account.arn})` : ''}, region ${s.region} (from ${regionFrom}), ${profile}${s.endpointUrl ? `, endpoint ${s.endpointUrl}` : ''}`;
}

/** `profile dev (from --profile)`, or `default credential chain`. */
export function describeProfile(s: ResolvedAwsSettings): string {
  return s.profileSource === 'default'
    ? 'default credential chain'
    : `profile ${s.profileName} (from ${s.profileSource === 'explicit' ? '--profile' : 'AWS_PROFILE'})`;
}
