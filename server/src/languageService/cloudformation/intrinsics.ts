/**
 * CloudFormation intrinsic functions: how they look in the node model, in both forms.
 * Long form (JSON and YAML): an object with exactly one key, `Ref`, `Condition` or `Fn::*`.
 * Short form (YAML only): a tagged node, `!Ref Name`, `!Sub "..."`, `!If [c, a, b]`.
 */
import type { AstNode, ObjectNode } from '../model/ast';

/** The YAML short-form tags CloudFormation defines, with the long-form key each stands for. */
export const SHORT_FORM_TAGS: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!FindInMap': 'Fn::FindInMap',
  '!GetAtt': 'Fn::GetAtt',
  '!GetAZs': 'Fn::GetAZs',
  '!ImportValue': 'Fn::ImportValue',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!Sub': 'Fn::Sub',
  '!Transform': 'Fn::Transform',
  '!And': 'Fn::And',
  '!Equals': 'Fn::Equals',
  '!If': 'Fn::If',
  '!Not': 'Fn::Not',
  '!Or': 'Fn::Or',
  '!ToJsonString': 'Fn::ToJsonString',
  '!Length': 'Fn::Length',
  '!GetStackOutput': 'Fn::GetStackOutput',
};

/** True for a long-form key: `Ref`, `Condition` or any `Fn::*`. */
export function isIntrinsicKey(key: string): boolean {
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::');
}

/**
 * The intrinsic function a node is, as its long-form name (`Ref`, `Fn::Sub`), or undefined for a
 * plain value. Any `!Tag` counts (an unknown tag is still not a literal CloudFormation passes on).
 */
export function intrinsicName(node: AstNode | undefined): string | undefined {
  if (!node || node.type === 'property') return undefined;
  if (node.tag) return SHORT_FORM_TAGS[node.tag] ?? node.tag;
  if (node.type === 'object' && node.properties.length === 1) {
    const key = (node as ObjectNode).properties[0]?.keyNode.value ?? '';
    if (isIntrinsicKey(key)) return key;
  }
  return undefined;
}

export function isIntrinsic(node: AstNode | undefined): boolean {
  return intrinsicName(node) !== undefined;
}

/** True for a plain JavaScript value that is a long-form intrinsic: `{"Ref": ...}`, `{"Fn::Sub": ...}`. */
export function isIntrinsicValue(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && isIntrinsicKey(keys[0] ?? '');
}
