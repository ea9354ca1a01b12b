/** Exit codes: part of the CLI contract (scripts rely on them). */
export const EXIT = {
  ok: 0,
  /** The check found errors, or a deploy item failed. */
  problems: 1,
  /** Bad usage, unreadable input, or another I/O error. */
  usage: 2,
} as const;

/** An error the user caused (bad flag, missing file): printed as one line, never with a stack. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}
