/**
 * What the client does when the language server crashes: restart it and tell the user (with a
 * way to the log), up to a few times in a short while; then stop restarting and say so.
 *
 * Kept free of runtime imports of `vscode` and `vscode-languageclient` so that unit tests can run
 * it: the action values and the notifications are passed in.
 */
import type {
  CloseAction,
  CloseHandlerResult,
  ErrorAction,
  ErrorHandler,
  ErrorHandlerResult,
} from 'vscode-languageclient';

export interface ServerErrorHandlerDeps {
  /** The CloseAction / ErrorAction values of vscode-languageclient. */
  actions: {
    restart: CloseAction;
    doNotRestart: CloseAction;
    continue: ErrorAction;
    shutdown: ErrorAction;
  };
  /** The server crashed and is being restarted. */
  onRestart(message: string): void;
  /** The server crashed too often and stays stopped. */
  onGiveUp(message: string): void;
  now?: () => number;
  /** Restarts allowed within `windowMs` (vscode-languageclient's default: 4 in 3 minutes). */
  maxRestarts?: number;
  windowMs?: number;
}

export const LOG_LOCATION = 'View → Output → "AWS Config Remediation"';

export function createServerErrorHandler(deps: ServerErrorHandlerDeps): ErrorHandler {
  const now = deps.now ?? Date.now;
  const maxRestarts = deps.maxRestarts ?? 4;
  const windowMs = deps.windowMs ?? 3 * 60 * 1000;
  let crashes: number[] = [];
  return {
    error(_error, _message, count): ErrorHandlerResult {
      // A few read/write errors are tolerated (as by default); more shut the connection down,
      // which then comes through closed().
      return {
        action: count !== undefined && count <= 3 ? deps.actions.continue : deps.actions.shutdown,
      };
    },
    closed(): CloseHandlerResult {
      const time = now();
      crashes = crashes.filter((at) => time - at < windowMs);
      crashes.push(time);
      if (crashes.length <= maxRestarts) {
        deps.onRestart(
          `The AWS Config Remediation language server stopped unexpectedly and was restarted. Its log is in ${LOG_LOCATION}.`,
        );
        return { action: deps.actions.restart, handled: true };
      }
      deps.onGiveUp(
        `The AWS Config Remediation language server stopped unexpectedly ${crashes.length} times in ${Math.round(windowMs / 60000)} minutes and will not be restarted. See its log in ${LOG_LOCATION}, then run "AWS Config: Restart Language Server".`,
      );
      crashes = [];
      return { action: deps.actions.doNotRestart, handled: true };
    },
  };
}
