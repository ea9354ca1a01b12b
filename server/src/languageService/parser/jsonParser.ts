import {
  parseTree,
  printParseErrorCode,
  type Node as JsoncNode,
  type ParseError,
} from 'jsonc-parser';
import type {
  AstNode,
  ArrayNode,
  ObjectNode,
  ParsedDocument,
  PropertyNode,
  StringNode,
  SyntaxProblem,
  ValueNode,
} from '../ast';
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
  let tree: JsoncNode | undefined;
  try {
    tree = parseTree(text, errors, {
      allowTrailingComma: allowComments,
      disallowComments: !allowComments,
      allowEmptyContent: true,
    });
  } catch (error) {
    // jsonc-parser recurses per nesting level; absurdly deep input can exhaust the stack.
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
  const root = tree ? convert(tree, undefined, text) : undefined;
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

function convert(
  node: JsoncNode,
  parent: AstNode | undefined,
  text: string,
): ValueNode | undefined {
  const base = { offset: node.offset, length: node.length, parent };
  switch (node.type) {
    case 'object': {
      const objectNode: ObjectNode = { ...base, type: 'object', properties: [] };
      for (const child of node.children ?? []) {
        const property = convertProperty(child, objectNode, text);
        if (property) objectNode.properties.push(property);
      }
      return objectNode;
    }
    case 'array': {
      const arrayNode: ArrayNode = { ...base, type: 'array', items: [] };
      for (const child of node.children ?? []) {
        const item = convert(child, arrayNode, text);
        if (item) arrayNode.items.push(item);
      }
      return arrayNode;
    }
    case 'string':
      return { ...base, type: 'string', value: String(node.value) };
    case 'number': {
      const raw = text.substr(node.offset, node.length);
      return {
        ...base,
        type: 'number',
        value: Number(node.value),
        isInteger: INTEGER_SPELLING.test(raw),
      };
    }
    case 'boolean':
      return { ...base, type: 'boolean', value: Boolean(node.value) };
    case 'null':
      return { ...base, type: 'null' };
    default:
      return undefined;
  }
}

function convertProperty(
  node: JsoncNode,
  parent: ObjectNode,
  text: string,
): PropertyNode | undefined {
  const [key, value] = node.children ?? [];
  if (!key) return undefined;
  const property = {
    type: 'property',
    offset: node.offset,
    length: node.length,
    parent,
    colonOffset: node.colonOffset,
  } as PropertyNode;
  const keyNode: StringNode = {
    type: 'string',
    offset: key.offset,
    length: key.length,
    parent: property,
    value: String(key.value),
  };
  property.keyNode = keyNode;
  property.valueNode = value ? convert(value, property, text) : undefined;
  return property;
}
