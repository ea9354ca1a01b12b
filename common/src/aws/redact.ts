/**
 * Scrubbing of secrets from any text the AWS boundary produces (log lines, user messages,
 * exception details). Pure and SDK-free, so it can be loaded anywhere.
 */

const REDACTED = '[REDACTED]';

/** `name=value` / `name: value` pairs whose value is a secret, whatever the value looks like. */
const SECRET_ASSIGNMENT =
  /\b(aws_secret_access_key|secret_?access_?key|aws_session_token|session_?token|security_?token|x-amz-security-token|aws_access_key_id|access_?key_?id|authorization|credential|signature)(["']?\s*[:=]\s*["']?)([^\s"',;&}]+)/gi;

/** Access key ids (long-term AKIA, temporary ASIA, and the other IAM unique-id prefixes). */
const ACCESS_KEY_ID =
  /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|AKPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}\b/g;

/** Session tokens and other long base64 blobs (real session tokens are hundreds of characters). */
const LONG_BASE64 = /[A-Za-z0-9/+]{100,}={0,2}/g;

/** Exactly 40 base64 characters not part of a longer run: the shape of a secret access key. */
const FORTY_BASE64 = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

/** A 64-hex SigV4 signature. Not a secret by itself, but never useful in a message either. */
const SIGV4_SIGNATURE = /\b[0-9a-f]{64}\b/g;

function looksRandom(s: string): boolean {
  // A secret key mixes character classes; plain words or long lowercase identifiers do not.
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[/+]/].filter((r) => r.test(s)).length;
  return classes >= 2;
}

/**
 * Returns `text` with everything that looks like an AWS secret removed: access key ids, secret
 * access keys (40 base64 characters), session tokens (long base64 blobs), `name=value` pairs of
 * secret-bearing names (Authorization, X-Amz-Security-Token, aws_secret_access_key, ...), and
 * any of the `known` values (exact secrets the caller has seen, e.g. resolved credentials).
 */
export function redact(text: string, known: Iterable<string> = []): string {
  let out = String(text);
  for (const secret of known) {
    if (secret && secret.length >= 8) {
      out = out.split(secret).join(REDACTED);
    }
  }
  out = out.replace(
    SECRET_ASSIGNMENT,
    (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`,
  );
  out = out.replace(LONG_BASE64, REDACTED);
  out = out.replace(ACCESS_KEY_ID, REDACTED);
  out = out.replace(FORTY_BASE64, (m) => (looksRandom(m) ? REDACTED : m));
  out = out.replace(SIGV4_SIGNATURE, REDACTED);
  return out;
}

/**
 * A redactor that also scrubs exact secret values registered at run time (the credentials the
 * SDK resolved for this session), in addition to the pattern-based {@link redact}.
 */
export class Redactor {
  private readonly known = new Set<string>();

  /** Registers exact secret values (empty / short values are ignored). */
  add(...values: (string | undefined)[]): void {
    for (const v of values) {
      if (v && v.length >= 8) {
        this.known.add(v);
      }
    }
  }

  /** {@link redact} plus the registered values. */
  readonly redact = (text: string): string => redact(text, this.known);
}
