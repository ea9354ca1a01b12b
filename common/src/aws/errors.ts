/**
 * Classification of everything that can go wrong talking to AWS into one clear, redacted user
 * message with the next step. SDK-free (duck-typed on the error's name / code / $metadata).
 */

import { redact } from './redact';
import { AwsSettingsError } from './settings';

/** The kinds of failure the user can act on differently. */
export type AwsErrorKind =
  | 'insufficient-permissions'
  | 'invalid-parameter'
  | 'validation'
  | 'not-found'
  | 'throttling'
  | 'expired-credentials'
  | 'missing-credentials'
  | 'invalid-credentials'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'settings'
  | 'service'
  | 'unknown';

/** A classified failure. Every string in it is redacted. */
export interface ClassifiedAwsError {
  kind: AwsErrorKind;
  /** The AWS error code / SDK error name / Node error code (e.g. `ThrottlingException`, `ECONNREFUSED`). */
  code: string;
  /** One clear message for the user, ending with the next step. */
  message: string;
  /** The service's (or SDK's) own message, redacted. */
  detail: string;
  /** HTTP status, when a response was received. */
  httpStatus?: number;
  /** AWS request id, when a response was received. */
  requestId?: string;
  /** How many attempts the SDK made (1 = no retries). */
  attempts?: number;
  /**
   * True when the request may have reached AWS and been applied even though no answer arrived
   * (time-outs, connections reset mid-request, aborts).
   */
  outcomeUnknown: boolean;
}

/** What the classifier may mention in its messages. */
export interface ErrorContext {
  /** API operation, e.g. `PutRemediationConfigurations`. */
  operation?: string;
  profileName?: string;
  region?: string;
  endpointUrl?: string;
  /** Redactor for exact known secrets; the pattern-based {@link redact} is always applied too. */
  redact?: (s: string) => string;
}

/** An error thrown by the AWS boundary; `message` is the classified, redacted user message. */
export class AwsOperationError extends Error {
  constructor(readonly classified: ClassifiedAwsError) {
    super(classified.message);
    this.name = 'AwsOperationError';
  }
}

const PERMISSION_CODES = new Set([
  'InsufficientPermissionsException',
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnauthorizedException',
]);
const THROTTLING_CODES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
  'SlowDown',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'EC2ThrottledException',
  'PriorRequestNotComplete',
  'TransactionInProgressException',
]);
const EXPIRED_CODES = new Set([
  'ExpiredTokenException',
  'ExpiredToken',
  'RequestExpired',
  'TokenRefreshRequired',
]);
const INVALID_CREDENTIAL_CODES = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'AuthFailure',
]);
const NOT_FOUND_CODES = new Set([
  'StackSetNotFoundException',
  'OperationNotFoundException',
  'NoSuchOrganizationConformancePackException',
  'NoSuchConfigRuleException',
  'NoSuchRemediationConfigurationException',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPROTO',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
/** Failures after which the request may have been received and applied. */
const UNKNOWN_OUTCOME_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'AbortError',
  'UND_ERR_SOCKET',
]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  errno?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown; attempts?: unknown };
  $response?: { statusCode?: unknown };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** Collects the codes of an error and of its causes / aggregated errors (network errors nest). */
function codesOf(e: unknown, depth = 0): string[] {
  if (depth > 4 || e === null || typeof e !== 'object') {
    return [];
  }
  const x = e as ErrorLike;
  const out = [str(x.code), str(x.Code), str(x.name)].filter((c): c is string => c !== undefined);
  if (Array.isArray(x.errors)) {
    for (const inner of x.errors) {
      out.push(...codesOf(inner, depth + 1));
    }
  }
  out.push(...codesOf(x.cause, depth + 1));
  return out;
}

function first(codes: string[], set: ReadonlySet<string>): string | undefined {
  return codes.find((c) => set.has(c));
}

/**
 * Turns any thrown value into a {@link ClassifiedAwsError} with one clear, redacted message that
 * names the next step. Never throws.
 */
export function classifyAwsError(err: unknown, ctx: ErrorContext = {}): ClassifiedAwsError {
  const scrub = (s: string): string => redact(ctx.redact ? ctx.redact(s) : s);
  if (err instanceof AwsOperationError) {
    return err.classified;
  }
  const x = (err !== null && typeof err === 'object' ? err : {}) as ErrorLike;
  const rawMessage =
    str(x.message) ?? (typeof err === 'string' ? err : err === undefined ? '' : String(err));
  const detail = scrub(rawMessage);
  const codes = codesOf(err);
  const md = x.$metadata ?? {};
  const httpStatus =
    typeof md.httpStatusCode === 'number'
      ? md.httpStatusCode
      : typeof x.$response?.statusCode === 'number'
        ? x.$response.statusCode
        : undefined;
  const requestId = str(md.requestId);
  const attempts = typeof md.attempts === 'number' ? md.attempts : undefined;
  const op = ctx.operation ?? 'the AWS call';
  const who = ctx.profileName ? `profile "${ctx.profileName}"` : 'the current credentials';
  const ofWho = ctx.profileName ? ` of profile "${ctx.profileName}"` : '';
  const where = ctx.region ? ` in ${ctx.region}` : '';
  const endpoint =
    ctx.endpointUrl ?? (ctx.region ? `the AWS Config endpoint of ${ctx.region}` : 'AWS');
  const base = { detail, httpStatus, requestId, attempts, outcomeUnknown: false };
  const make = (
    kind: AwsErrorKind,
    code: string,
    message: string,
    outcomeUnknown = false,
  ): ClassifiedAwsError => ({ ...base, kind, code, message: scrub(message), outcomeUnknown });
  const withDetail = detail ? ` AWS said: ${detail}${/[.!?]$/.test(detail) ? '' : '.'}` : '';

  if (err instanceof AwsSettingsError) {
    return make('settings', 'AwsSettingsError', detail);
  }

  let code: string | undefined;
  if ((code = first(codes, PERMISSION_CODES))) {
    return make(
      'insufficient-permissions',
      code,
      `${op} was denied for ${who}${where} (${code}).${withDetail} Next step: grant the identity ${ctx.operation ? `${ctx.operation === 'GetCallerIdentity' ? 'sts' : /Document/.test(ctx.operation) ? 'ssm' : /StackSet|StackInstances/.test(ctx.operation) ? 'cloudformation' : 'config'}:${ctx.operation}` : 'the missing permission'} (deploying needs config:DescribeRemediationConfigurations and config:PutRemediationConfigurations; pulling also needs config:DescribeConfigRules; account look-ups need config:DescribeConfigRules, ssm:ListDocuments, ssm:DescribeDocument and ssm:GetDocument), or choose a profile that has them.`,
    );
  }
  if ((code = first(codes, new Set(['InvalidParameterValueException'])))) {
    return make(
      'invalid-parameter',
      code,
      `AWS rejected a value in ${op} (${code}).${withDetail} Next step: fix the configuration named in the message (the file's diagnostics show most such problems) and deploy again.`,
    );
  }
  if (
    (code = first(
      codes,
      new Set([
        'ValidationException',
        'InvalidParameterCombination',
        'InvalidNextTokenException',
        'InvalidLimitException',
      ]),
    ))
  ) {
    return make(
      'validation',
      code,
      `AWS rejected the request ${op} as malformed (${code}).${withDetail} Next step: check the file for errors and try again; if it persists, report it with the request id${requestId ? ` ${requestId}` : ''}.`,
    );
  }
  if ((code = first(codes, NOT_FOUND_CODES))) {
    return make(
      'not-found',
      code,
      `${op} referenced something that does not exist${where} (${code}).${withDetail} Next step: check the rule names, the account and the region.`,
    );
  }
  if ((code = first(codes, THROTTLING_CODES))) {
    const tries = attempts ? ` after ${attempts} attempt${attempts === 1 ? '' : 's'}` : '';
    return make(
      'throttling',
      code,
      `AWS throttled ${op}${tries}; the SDK's retries are used up (${code}). Next step: wait a minute and run it again; what was already deployed is reported and deploying again is safe.`,
    );
  }
  if ((code = first(codes, EXPIRED_CODES))) {
    return make(
      'expired-credentials',
      code,
      `The AWS credentials${ofWho} have expired (${code}). Next step: refresh them (for SSO: aws sso login${ctx.profileName && ctx.profileName !== 'default' ? ` --profile ${ctx.profileName}` : ''}; otherwise renew the session credentials) and try again.`,
    );
  }
  if ((code = first(codes, INVALID_CREDENTIAL_CODES))) {
    return make(
      'invalid-credentials',
      code,
      `AWS did not accept the credentials${ofWho} (${code}). Next step: check that the access key is active and the secret key belongs to it (aws sts get-caller-identity${ctx.profileName && ctx.profileName !== 'default' ? ` --profile ${ctx.profileName}` : ''}), and that the system clock is correct.`,
    );
  }
  const isCredentialsProviderError =
    codes.includes('CredentialsProviderError') ||
    /could not load credentials|unable to load credentials|credential is missing|could not resolve credentials|profile .* (?:not found|could not be found)/i.test(
      rawMessage,
    );
  if (isCredentialsProviderError) {
    return make(
      'missing-credentials',
      'CredentialsProviderError',
      `No AWS credentials could be loaded${ctx.profileName ? ` for profile "${ctx.profileName}"` : ''}.${detail ? ` (${detail})` : ''} Next step: choose a configured profile (setting or --profile), run "aws configure" or "aws sso login", or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.`,
    );
  }
  if (codes.includes('AbortError') && !codes.some((c) => c === 'TimeoutError')) {
    return make(
      'cancelled',
      'AbortError',
      `${op} was cancelled while the request was in flight; AWS may or may not have applied it. Next step: preview again to see the deployed state.`,
      true,
    );
  }
  if ((code = first(codes, UNKNOWN_OUTCOME_CODES))) {
    return make(
      'timeout',
      code,
      `${op} did not complete: the connection to ${endpoint} failed mid-request (${code}), so AWS may or may not have applied it. Next step: check the network, then preview again to see the deployed state before deploying again.`,
      true,
    );
  }
  if ((code = first(codes, NETWORK_CODES))) {
    return make(
      'network',
      code,
      `Could not reach ${endpoint} (${code}); nothing was sent. Next step: check the network connection, proxy and region${ctx.endpointUrl ? ', and the endpoint override setting' : ''}, then try again.`,
    );
  }
  if (x.$fault === 'server' || (httpStatus !== undefined && httpStatus >= 500)) {
    return make(
      'service',
      codes[0] ?? 'InternalFailure',
      `AWS failed to process ${op} (${codes[0] ?? `HTTP ${httpStatus}`}) even after the SDK's retries.${withDetail} Next step: try again later; check the AWS Health Dashboard if it persists.`,
    );
  }
  const unknownCode = codes.find((c) => c !== 'Error') ?? codes[0] ?? 'Error';
  return make(
    'unknown',
    unknownCode,
    `${op} failed (${unknownCode}).${withDetail || (detail ? ` ${detail}` : '')} Next step: check the output log for details${requestId ? ` (request id ${requestId})` : ''} and try again.`,
  );
}
