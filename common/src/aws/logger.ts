/**
 * The logging interface of the AWS boundary. The VS Code client routes it to an output channel,
 * the CLI to stderr. Every line the module emits goes through a redactor first.
 */

/** Where the AWS boundary writes its log lines. */
export interface AwsLogger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/** A logger that drops everything. */
export const silentLogger: AwsLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Wraps `logger` so that every line is passed through `redact` before it is written. */
export function redactingLogger(logger: AwsLogger, redact: (s: string) => string): AwsLogger {
  return {
    info: (msg) => logger.info(redact(msg)),
    warn: (msg) => logger.warn(redact(msg)),
    error: (msg) => logger.error(redact(msg)),
  };
}
