import type { CancellationToken, RemoteConsole } from 'vscode-languageserver';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';

/**
 * Runs a request handler so that no bug can take the server down: errors are logged and the
 * default answer is returned; a cancelled request is answered as cancelled.
 */
export async function runSafe<T>(
  console: RemoteConsole,
  name: string,
  token: CancellationToken | undefined,
  defaultValue: T,
  handler: () => T | Promise<T>,
): Promise<T | ResponseError<void>> {
  if (token?.isCancellationRequested) return cancelled();
  try {
    const result = await handler();
    if (token?.isCancellationRequested) return cancelled();
    return result;
  } catch (error) {
    console.error(`${name} failed: ${formatError(error)}`);
    return defaultValue;
  }
}

/** The same for notifications, which have no answer. */
export function runSafeNotification(
  console: RemoteConsole,
  name: string,
  handler: () => void,
): void {
  try {
    handler();
  } catch (error) {
    console.error(`${name} failed: ${formatError(error)}`);
  }
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

export function formatError(error: unknown): string {
  if (error instanceof Error) return `${error.message}\n${error.stack ?? ''}`;
  return String(error);
}
