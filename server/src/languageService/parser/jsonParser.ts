import { printParseErrorCode, visit, type ParseError } from 'jsonc-parser';
import type {
  ArrayNode,
  ObjectNode,
  ParsedDocument,
  PropertyNode,
  SyntaxProblem,
  ValueNode,
} from '../model/ast';
import { SYNTAX_RULE_IDS } from './syntaxRuleIds';
import { reportDuplicateKeys } from './duplicateKeys';
import { jsonNestingOverflow, nestingMessage } from './nesting';
import { soundJsonTree } from './jsonFastTree';

const INTEGER_SPELLING = /^-?\d+$/;

/**
 * Parses JSON (strict, as the AWS CLI's json.loads reads it) or JSONC (comments and trailing
 * commas allowed) into the shared node model. Never throws.
 */
export function parseJson(text: string, allowComments: boolean): ParsedDocument {
  // Most documents have no syntax error: one tight pass builds their tree (jsonFastTree.ts).
  const sound = soundJsonTree(text, allowComments);
  if (sound) {
    const problems: SyntaxProblem[] = [];
    if (sound.root && sound.duplicateKeys) reportDuplicateKeys(sound.root, problems);
    return { format: allowComments ? 'jsonc' : 'json', text, roots: [sound.root], problems };
  }
  return parseJsonWithRecovery(text, allowComments);
}

/**
 * `parseJson` with jsonc-parser alone: what parseJson does for a document with a syntax error
 * (reported in plain words, with the parser's recovery). Exported for the tests, which compare
 * both on every document.
 */
export function parseJsonWithRecovery(text: string, allowComments: boolean): ParsedDocument {
  const errors: JsonError[] = [];
  const problems: SyntaxProblem[] = [];
  const format = allowComments ? 'jsonc' : 'json';
  const tooDeep = jsonNestingOverflow(text);
  if (tooDeep !== undefined) {
    problems.push({
      ruleId: SYNTAX_RULE_IDS.nestingTooDeep,
      offset: tooDeep,
      length: 1,
      message: nestingMessage(),
    });
    return { format, text, roots: [undefined], problems };
  }
  let root: ValueNode | undefined;
  try {
    root = buildTree(text, errors, allowComments);
  } catch (error) {
    // jsonc-parser recurses per nesting level; absurdly deep input can exhaust the stack.
    root = undefined;
    problems.push({
      ruleId: SYNTAX_RULE_IDS.syntax,
      offset: 0,
      length: 0,
      message: `The document could not be parsed: ${(error as Error).message}`,
    });
  }
  for (const fault of faults(errors)) {
    // jsonc-parser may report past the end (an unterminated "/*" at the end of the text).
    const offset = Math.min(Math.max(0, fault.offset), text.length);
    problems.push({
      ruleId: SYNTAX_RULE_IDS.syntax,
      offset,
      length: Math.min(Math.max(0, fault.length), text.length - offset),
      message: fault.offset === 0 && text.charCodeAt(0) === 0xfeff ? BOM_MESSAGE : fault.message,
    });
  }
  if (root) reportDuplicateKeys(root, problems);
  return { format, text, roots: [root], problems };
}

/** Python's json.loads, which the AWS CLI uses, rejects a leading BOM; editors usually hide it. */
const BOM_MESSAGE =
  'The file starts with a byte order mark (BOM): the AWS CLI rejects it ("Unexpected UTF-8 BOM"). Save the file as UTF-8 without BOM.';

/** A jsonc-parser error, with what the parser read before it. */
interface JsonError extends ParseError {
  /** Whether a value or property was read between the previous error and this one. */
  afterContent: boolean;
  /** The offset of the comma read just before this error (nothing else read since), if any. */
  afterComma: number | undefined;
  /** The error in words. */
  message: string;
  /** The character at the error ("}" or "]" for a missing value or name before a close). */
  at: string;
}

/** One syntax error per fault: the first error at the first offending token, in plain words. */
interface JsonFault {
  offset: number;
  length: number;
  message: string;
}

/**
 * Merges jsonc-parser's cascades into one fault each. After an error the parser recovers by
 * skipping tokens, and reports again until it reads something it understands: every error up to
 * the next value or property it reads is a consequence of the first (`{"a": tru}` gives "invalid
 * symbol" and "value expected"; `{a: 1}` three errors). A comma right before "}" or "]" is a
 * trailing comma (jsonc-parser reports "property name expected" and "value expected" at the
 * brace): one "Trailing comma" at the comma. A comment in strict JSON is its own fault and does not
 * start a cascade (the parser reads on as if it were whitespace).
 */
function faults(errors: readonly JsonError[]): JsonFault[] {
  const result: JsonFault[] = [];
  let open: { fault: JsonFault; first: JsonError } | undefined;
  for (const error of errors) {
    const code = printParseErrorCode(error.error);
    if (code === 'InvalidCommentToken') {
      result.push({ offset: error.offset, length: error.length, message: error.message });
      continue;
    }
    const openCode = open ? printParseErrorCode(open.first.error) : undefined;
    // An unterminated string ends the text for the parser: what it misses after it follows.
    const afterUnterminated =
      openCode === 'UnexpectedEndOfString' &&
      open !== undefined &&
      error.offset === open.first.offset + open.first.length;
    if (open && (!error.afterContent || afterUnterminated)) {
      // A consequence of the open fault; it may name the fault better.
      if (code === 'PropertyNameExpected' && openCode === 'InvalidSymbol') {
        open.fault.message = UNQUOTED_NAME_MESSAGE;
      }
      continue;
    }
    const trailing =
      error.afterComma !== undefined &&
      (error.at === '}' || error.at === ']') &&
      (code === 'PropertyNameExpected' || code === 'ValueExpected');
    const fault: JsonFault = trailing
      ? {
          offset: error.afterComma as number,
          length: 1,
          message: `Trailing comma: JSON allows no comma before "${error.at}". Remove the comma (the AWS CLI reads the file with a strict JSON parser).`,
        }
      : { offset: error.offset, length: error.length, message: error.message };
    result.push(fault);
    open = { fault, first: error };
  }
  return result;
}

const UNQUOTED_NAME_MESSAGE =
  'Property name expected: names must be in double quotes ("Name": value).';

function describeJsonError(error: ParseError, allowComments: boolean, symbol?: string): string {
  const code = printParseErrorCode(error.error);
  switch (code) {
    case 'InvalidCommentToken':
      return allowComments
        ? 'Invalid comment.'
        : 'Comments are not allowed in JSON: the AWS CLI reads the file with a strict JSON parser. Remove the comment, or name the file .jsonc.';
    case 'PropertyNameExpected':
      return 'Property name expected.';
    case 'ValueExpected':
      return 'Value expected.';
    case 'ColonExpected':
      return 'Colon expected.';
    case 'CommaExpected':
      return 'Comma expected.';
    case 'CloseBraceExpected':
      return 'Closing brace "}" expected.';
    case 'CloseBracketExpected':
      return 'Closing bracket "]" expected.';
    case 'EndOfFileExpected':
      return 'End of file expected: only one JSON value is allowed.';
    case 'UnexpectedEndOfComment':
      return 'Unexpected end of comment.';
    case 'UnexpectedEndOfString':
      return 'Unexpected end of string.';
    case 'UnexpectedEndOfNumber':
      return 'Unexpected end of number.';
    case 'InvalidUnicode':
      return 'Invalid unicode escape sequence.';
    case 'InvalidEscapeCharacter':
      return 'Invalid escape character in string.';
    case 'InvalidCharacter':
      return 'Invalid character.';
    case 'InvalidSymbol':
      return symbol
        ? `"${symbol}" is not valid JSON: strings need double quotes; true, false and null are lowercase.`
        : 'Invalid symbol.';
    case 'InvalidNumberFormat':
      return 'Invalid number format.';
    default:
      return `Syntax error (${code}).`;
  }
}

/**
 * Builds the node model straight from jsonc-parser's scanner events. This is what its `parseTree`
 * does, with our node types: one tree instead of a jsonc tree and a copy, which halves the
 * allocations of a full parse (at 5000 configurations, the largest cost on a small VM). The node
 * ranges are parseTree's, including for incomplete input (test/unit/jsonParser.test.ts compares
 * them on random broken documents).
 */
function buildTree(
  text: string,
  errors: JsonError[],
  allowComments: boolean,
): ValueNode | undefined {
  let root: ValueNode | undefined;
  /** Whether a value or property was read since the last error (see `faults`). */
  let afterContent = true;
  /** The offset of the last comma, while nothing else has been read since. */
  let afterComma: number | undefined;
  /** The innermost open object, array or property. */
  let current: ObjectNode | ArrayNode | PropertyNode | undefined;

  /** A property ends with its value, at a comma, or at the end of its object (value missing). */
  const completeProperty = (end: number): void => {
    if (current?.type === 'property') {
      current.length = end - current.offset;
      current = current.parent as ObjectNode;
    }
  };
  const attach = (node: ValueNode): void => {
    afterContent = true;
    afterComma = undefined;
    node.parent = current;
    if (current === undefined) {
      // Only the first top-level value is the document; jsonc-parser reports the rest.
      root ??= node;
    } else if (current.type === 'array') {
      current.items.push(node);
    } else if (current.type === 'property') {
      current.valueNode = node;
    }
  };

  visit(
    text,
    {
      onObjectBegin: (offset) => {
        const node: ObjectNode = {
          offset,
          length: -1,
          parent: undefined,
          type: 'object',
          properties: [],
        };
        attach(node);
        current = node;
      },
      onObjectProperty: (name, offset, length) => {
        const object = current as ObjectNode;
        const property = {
          type: 'property',
          offset,
          length: -1,
          parent: object,
          colonOffset: undefined,
          valueNode: undefined,
        } as unknown as PropertyNode;
        property.keyNode = { offset, length, parent: property, type: 'string', value: name };
        afterContent = true;
        afterComma = undefined;
        object.properties.push(property);
        current = property;
      },
      onObjectEnd: (offset, length) => {
        afterComma = undefined;
        const end = offset + length;
        completeProperty(end);
        const object = current as ObjectNode;
        object.length = end - object.offset;
        current = object.parent as ObjectNode | ArrayNode | PropertyNode | undefined;
        completeProperty(end);
      },
      onArrayBegin: (offset) => {
        const node: ArrayNode = { offset, length: -1, parent: undefined, type: 'array', items: [] };
        attach(node);
        current = node;
      },
      onArrayEnd: (offset, length) => {
        afterComma = undefined;
        const end = offset + length;
        const array = current as ArrayNode;
        array.length = end - array.offset;
        current = array.parent as ObjectNode | ArrayNode | PropertyNode | undefined;
        completeProperty(end);
      },
      onLiteralValue: (value: unknown, offset, length) => {
        attach(literal(value, offset, length, text));
        completeProperty(offset + length);
      },
      onSeparator: (separator, offset) => {
        afterComma = separator === ',' ? offset : undefined;
        if (current?.type !== 'property') return;
        if (separator === ':') current.colonOffset = offset;
        else if (separator === ',') completeProperty(offset);
      },
      onError: (error, offset, length) => {
        errors.push({
          error,
          offset,
          length,
          afterContent,
          afterComma,
          at: text.charAt(offset),
          message: describeJsonError(
            { error, offset, length },
            allowComments,
            length <= 40 ? text.substr(offset, length) : undefined,
          ),
        });
        // A comment in strict JSON is read on as whitespace: it starts no cascade.
        if (printParseErrorCode(error) !== 'InvalidCommentToken') afterContent = false;
      },
    },
    {
      allowTrailingComma: allowComments,
      disallowComments: !allowComments,
      allowEmptyContent: true,
    },
  );
  return root;
}

function literal(value: unknown, offset: number, length: number, text: string): ValueNode {
  switch (typeof value) {
    case 'string':
      return { offset, length, parent: undefined, type: 'string', value };
    case 'number':
      return {
        offset,
        length,
        parent: undefined,
        type: 'number',
        value,
        isInteger: INTEGER_SPELLING.test(text.substr(offset, length)),
      };
    case 'boolean':
      return { offset, length, parent: undefined, type: 'boolean', value };
    default:
      return { offset, length, parent: undefined, type: 'null' };
  }
}
