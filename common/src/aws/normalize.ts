/**
 * Canonical forms of a RemediationConfiguration: output-only members dropped, keys in the API's
 * member order (for files and diffs), and a defaults-aware sorted form (for comparison).
 */

import type { RemediationConfiguration } from '@aws-sdk/client-config-service';
import { OUTPUT_ONLY_MEMBERS } from '../remediationMembers';

/** Members of RemediationConfiguration in the order of the API model. */
export const REMEDIATION_MEMBER_ORDER = [
  'ConfigRuleName',
  'TargetType',
  'TargetId',
  'TargetVersion',
  'Parameters',
  'ResourceType',
  'Automatic',
  'ExecutionControls',
  'MaximumAutomaticAttempts',
  'RetryAttemptSeconds',
] as const;

/** Members the service fills in; they are ignored when comparing and dropped when pulling. */
export { OUTPUT_ONLY_MEMBERS } from '../remediationMembers';

/**
 * Documented service defaults (API reference: "If you do not select a number, the default is
 * 5 / 60 seconds"; Automatic is a plain boolean). A member that is absent on one side and equal
 * to its default on the other is not a change.
 */
export const REMEDIATION_DEFAULTS: Readonly<Record<string, unknown>> = {
  Automatic: false,
  MaximumAutomaticAttempts: 5,
  RetryAttemptSeconds: 60,
};

const NESTED_ORDER: Record<string, readonly string[]> = {
  ExecutionControls: ['SsmControls'],
  SsmControls: ['ConcurrentExecutionRatePercentage', 'ErrorPercentage'],
  ResourceValue: ['Value'],
  StaticValue: ['Values'],
};
const PARAMETER_VALUE_ORDER = ['ResourceValue', 'StaticValue'];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function ordered(
  obj: Record<string, unknown>,
  order: readonly string[],
  recurse: (k: string, v: unknown) => Json,
): Record<string, Json> {
  const out: Record<string, Json> = {};
  const rest = Object.keys(obj)
    .filter((k) => !order.includes(k))
    .sort();
  for (const k of [...order, ...rest]) {
    if (k in obj && obj[k] !== undefined) {
      out[k] = recurse(k, obj[k]);
    }
  }
  return out;
}

function plain(v: unknown): Json {
  if (Array.isArray(v)) {
    return v.map(plain);
  }
  if (isObject(v)) {
    return ordered(v, [], (_k, x) => plain(x));
  }
  return (v ?? null) as Json;
}

function nested(key: string, v: unknown): Json {
  if (!isObject(v)) {
    return plain(v);
  }
  if (key === 'Parameters') {
    return ordered(v, [], (_name, pv) =>
      isObject(pv) ? ordered(pv, PARAMETER_VALUE_ORDER, nested) : plain(pv),
    );
  }
  return ordered(v, NESTED_ORDER[key] ?? [], nested);
}

/**
 * Returns a copy with the output-only members (Arn, CreatedByService) and undefined members
 * dropped, top-level keys in API member order, parameter names sorted, nested structures in
 * their member order. Unknown members are kept, sorted, after the known ones.
 */
export function toCanonicalConfiguration(c: RemediationConfiguration): RemediationConfiguration {
  const src: Record<string, unknown> = { ...c };
  for (const k of OUTPUT_ONLY_MEMBERS) {
    delete src[k];
  }
  return ordered(src, REMEDIATION_MEMBER_ORDER, nested) as unknown as RemediationConfiguration;
}

/** Canonical configuration as pretty JSON (2 spaces), for diffs and previews. */
export function canonicalJson(c: RemediationConfiguration): string {
  return `${JSON.stringify(toCanonicalConfiguration(c), null, 2)}\n`;
}

function isEmptyObject(v: Json | undefined): boolean {
  return isObject(v) && Object.values(v).every((x) => x === undefined || isEmptyObject(x));
}

/**
 * The form used to decide "changed or not": canonical, every key sorted, documented defaults
 * filled in, empty Parameters / ExecutionControls treated as absent.
 */
export function comparableForm(c: RemediationConfiguration): string {
  const v = plain(toCanonicalConfiguration(c)) as Record<string, Json>;
  for (const [k, d] of Object.entries(REMEDIATION_DEFAULTS)) {
    if (v[k] === undefined || v[k] === null) {
      v[k] = d as Json;
    }
  }
  for (const k of ['Parameters', 'ExecutionControls']) {
    if (isEmptyObject(v[k])) {
      delete v[k];
    }
  }
  return JSON.stringify(plain(v));
}

/** A member the SDK would not send as written (it drops unknown members, passes wrong types). */
export interface UnsendableMember {
  /** Index of the configuration in the list given. */
  index: number;
  /** JSON path inside the configuration, e.g. `Parameters.BucketName.StaticValue.Values[0]`. */
  path: string;
  problem: string;
}

const STRING_MEMBERS = new Set([
  'ConfigRuleName',
  'TargetType',
  'TargetId',
  'TargetVersion',
  'ResourceType',
  ...OUTPUT_ONLY_MEMBERS,
]);
const INTEGER_MEMBERS = new Set(['MaximumAutomaticAttempts', 'RetryAttemptSeconds']);

/**
 * Structural check that the SDK will send each configuration exactly as written: only members
 * of the API shape, with the JSON types of the shape (strings, booleans, integers, the
 * Parameters map and ExecutionControls structure). Ranges, patterns and required members are
 * the language service's (and the service's) business. Returns the problems found.
 */
export function findUnsendableMembers(
  configs: readonly RemediationConfiguration[],
): UnsendableMember[] {
  const problems: UnsendableMember[] = [];
  const known = new Set<string>([...REMEDIATION_MEMBER_ORDER, ...OUTPUT_ONLY_MEMBERS]);
  configs.forEach((c, index) => {
    const add = (path: string, problem: string) => problems.push({ index, path, problem });
    const isInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v);
    const structure = (
      v: unknown,
      path: string,
      members: Record<string, (x: unknown, p: string) => void>,
    ) => {
      if (!isObject(v)) {
        add(path, 'must be an object');
        return;
      }
      for (const [k, x] of Object.entries(v)) {
        if (x === undefined) {
          continue;
        }
        const check = members[k];
        if (check) {
          check(x, `${path}.${k}`);
        } else {
          add(`${path}.${k}`, 'is not a member of the API shape and would not be sent');
        }
      }
    };
    const str = (x: unknown, p: string) => typeof x !== 'string' && add(p, 'must be a string');
    const int = (x: unknown, p: string) => !isInt(x) && add(p, 'must be an integer');
    if (!isObject(c)) {
      add('', 'must be an object');
      return;
    }
    for (const [k, v] of Object.entries(c as Record<string, unknown>)) {
      if (v === undefined) {
        continue;
      }
      if (!known.has(k)) {
        add(k, 'is not a member of RemediationConfiguration and would not be sent');
      } else if (STRING_MEMBERS.has(k)) {
        str(v, k);
      } else if (INTEGER_MEMBERS.has(k)) {
        int(v, k);
      } else if (k === 'Automatic') {
        if (typeof v !== 'boolean') {
          add(k, 'must be true or false');
        }
      } else if (k === 'ExecutionControls') {
        structure(v, k, {
          SsmControls: (x, p) =>
            structure(x, p, { ConcurrentExecutionRatePercentage: int, ErrorPercentage: int }),
        });
      } else if (k === 'Parameters') {
        if (!isObject(v)) {
          add(k, 'must be an object');
          continue;
        }
        for (const [name, pv] of Object.entries(v)) {
          structure(pv, `Parameters.${name}`, {
            ResourceValue: (x, p) => structure(x, p, { Value: str }),
            StaticValue: (x, p) =>
              structure(x, p, {
                Values: (vs, vp) =>
                  Array.isArray(vs)
                    ? vs.forEach((s, i) => str(s, `${vp}[${i}]`))
                    : add(vp, 'must be a list of strings'),
              }),
          });
        }
      }
    }
  });
  return problems;
}
