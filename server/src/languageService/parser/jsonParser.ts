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

const INTEGER_SPELLING = /^-?\d+$/;

/**
 * Parses JSON (strict, as the AWS CLI's json.loads reads it) or JSONC (comments and trailing
 * commas allowed) into the shared node model. Never throws.
 */
export function parseJson(text: string, allowComments: boolean): ParsedDocument {
  const errors: ParseError[] = [];
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
  for (const error of errors) {
    // jsonc-parser may report past the end (an unterminated "/*" at the end of the text).
    const offset = Math.min(Math.max(0, error.offset), text.length);
    problems.push({
      ruleId: SYNTAX_RULE_IDS.syntax,
      offset,
      length: Math.min(Math.max(0, error.length), text.length - offset),
      message:
        error.offset === 0 && text.charCodeAt(0) === 0xfeff
          ? BOM_MESSAGE
          : describeJsonError(error, allowComments),
    });
  }
  if (root) reportDuplicateKeys(root, problems);
  return { format, text, roots: [root], problems };
}

/** Python's json.loads, which the AWS CLI uses, rejects a leading BOM; editors usually hide it. */
const BOM_MESSAGE =
  'The file starts with a byte order mark (BOM): the AWS CLI rejects it ("Unexpected UTF-8 BOM"). Save the file as UTF-8 without BOM.';

function describeJsonError(error: ParseError, allowComments: boolean): string {
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
      return 'Invalid symbol.';
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
  errors: ParseError[],
  allowComments: boolean,
): ValueNode | undefined {
  let root: ValueNode | undefined;
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
        object.properties.push(property);
        current = property;
      },
      onObjectEnd: (offset, length) => {
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
        if (current?.type !== 'property') return;
        if (separator === ':') current.colonOffset = offset;
        else if (separator === ',') completeProperty(offset);
      },
      onError: (error, offset, length) => {
        errors.push({ error, offset, length });
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
