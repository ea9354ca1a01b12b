/**
 * Creation of the AWS SDK clients (Config, STS, SSM, CloudFormation) and of the {@link AwsContext} every
 * operation of this module takes. No client is created at import time.
 */

import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { AwsLogger } from './logger';
import { redactingLogger, silentLogger } from './logger';
import { Redactor } from './redact';
import type { AwsEnv, AwsSettingsInput, ResolvedAwsSettings } from './settings';
import { describeSettings, resolveAwsSettings } from './settings';

/** Options of {@link createAwsClients}. */
export interface AwsClientOptions {
  /** Resolved settings (see {@link resolveAwsSettings}). */
  settings: ResolvedAwsSettings;
  /** Total attempts per call including the first, with the SDK's standard retry mode. Default 3. */
  maxAttempts?: number;
  /**
   * Credentials to use instead of the standard chain (env, shared files, SSO, process, IMDS).
   * Meant for tests and embedders; normally leave unset.
   */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Milliseconds to wait for a response before failing a call (per attempt). Default 60000. */
  requestTimeoutMs?: number;
  /** Milliseconds to wait for a connection. Default 10000. */
  connectionTimeoutMs?: number;
  /** Receives every credential value the SDK resolves, so it can be scrubbed from messages. */
  redactor?: Redactor;
}

/** The SDK clients of one session. Call `destroy()` when done. */
export interface AwsClients {
  readonly config: ConfigServiceClient;
  readonly sts: STSClient;
  readonly ssm: SSMClient;
  /** CloudFormation, for StackSets (organisation roll-outs). */
  readonly cloudformation: CloudFormationClient;
  destroy(): void;
}

function trackingProvider(
  inner: AwsCredentialIdentity | AwsCredentialIdentityProvider,
  redactor: Redactor | undefined,
): AwsCredentialIdentityProvider {
  const provider: AwsCredentialIdentityProvider =
    typeof inner === 'function' ? inner : () => Promise.resolve(inner);
  return async (props) => {
    const creds = await provider(props);
    redactor?.add(creds.accessKeyId, creds.secretAccessKey, creds.sessionToken);
    return creds;
  };
}

/**
 * Creates the Config, STS, SSM and CloudFormation clients for `settings`: credentials from the standard Node
 * provider chain for the profile (unless `credentials` is given), the region, the endpoint
 * override (if any) and standard retries.
 */
export function createAwsClients(options: AwsClientOptions): AwsClients {
  const { settings } = options;
  const credentials = trackingProvider(
    options.credentials ??
      fromNodeProviderChain({
        profile: settings.profile,
        filepath: settings.credentialsFilepath,
        configFilepath: settings.configFilepath,
        ignoreCache: true,
        clientConfig: { region: settings.region },
      }),
    options.redactor,
  );
  const common = {
    region: settings.region,
    credentials,
    maxAttempts: options.maxAttempts ?? 3,
    retryMode: 'standard',
    ...(settings.endpointUrl ? { endpoint: settings.endpointUrl } : {}),
    requestHandler: {
      requestTimeout: options.requestTimeoutMs ?? 60_000,
      throwOnRequestTimeout: true,
      connectionTimeout: options.connectionTimeoutMs ?? 10_000,
    },
  };
  const config = new ConfigServiceClient(common);
  const sts = new STSClient(common);
  const ssm = new SSMClient(common);
  const cloudformation = new CloudFormationClient(common);
  return {
    config,
    sts,
    ssm,
    cloudformation,
    destroy: () => {
      config.destroy();
      sts.destroy();
      ssm.destroy();
      cloudformation.destroy();
    },
  };
}

/** Everything an operation of this module needs: settings, clients, a redacting logger. */
export interface AwsContext {
  readonly settings: ResolvedAwsSettings;
  readonly clients: AwsClients;
  /** Redacting logger (every line scrubbed of secrets). */
  readonly logger: AwsLogger;
  /** Scrubs secrets: patterns plus every credential value resolved in this session. */
  readonly redact: (s: string) => string;
  /** Destroys the clients. */
  close(): void;
}

/** Options of {@link createAwsContext}. */
export interface AwsContextOptions extends AwsSettingsInput {
  /** Where log lines go (an output channel, stderr). Lines are redacted before they get here. */
  logger?: AwsLogger;
  /** See {@link AwsClientOptions.maxAttempts}. */
  maxAttempts?: number;
  /** See {@link AwsClientOptions.credentials}. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** See {@link AwsClientOptions.requestTimeoutMs}. */
  requestTimeoutMs?: number;
  /** Environment to resolve settings from (default `process.env`). */
  env?: AwsEnv;
}

/**
 * Resolves the settings (explicit, then env, then the profile's region; endpoint validated) and
 * creates the clients. Does not call AWS.
 * @throws AwsSettingsError when the endpoint is not allowed or no region is found.
 */
export async function createAwsContext(options: AwsContextOptions = {}): Promise<AwsContext> {
  const redactor = new Redactor();
  const logger = redactingLogger(options.logger ?? silentLogger, redactor.redact);
  const settings = await resolveAwsSettings(
    { profile: options.profile, region: options.region, endpointUrl: options.endpointUrl },
    options.env ?? process.env,
  );
  const clients = createAwsClients({
    settings,
    maxAttempts: options.maxAttempts,
    credentials: options.credentials,
    requestTimeoutMs: options.requestTimeoutMs,
    redactor,
  });
  logger.info(
    `AWS: using ${options.credentials ? 'explicitly supplied credentials, ' : ''}${describeSettings(settings)}`,
  );
  return { settings, clients, logger, redact: redactor.redact, close: () => clients.destroy() };
}
