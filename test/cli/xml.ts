/** Well-formedness of an XML text, with the strict `sax` parser (no DOM needed). */
// sax ships no types; this is the little of it the tests use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sax = require('sax') as {
  parser(strict: boolean): {
    onerror: (error: Error) => void;
    write(text: string): { close(): void };
  };
};

/** true when `text` is well-formed XML, else the parser's first error. */
export function XMLValidator(text: string): true | string {
  const parser = sax.parser(true);
  let failure: string | undefined;
  parser.onerror = (error) => {
    failure ??= error.message;
    throw error;
  };
  try {
    parser.write(text).close();
  } catch {
    // reported through onerror
  }
  return failure ?? true;
}
