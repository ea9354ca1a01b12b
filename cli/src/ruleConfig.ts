/**
 * Rule settings for the CLI: a `.config-remediation.json` file found next to the checked files
 * (the nearest one walking up from each file's folder, stopping at the filesystem root or at a
 * folder with `.git`), and `--rule ID_OR_SLUG=LEVEL` flags that override it. Both are validated
 * with the same parser as the editor setting; a bad entry is a usage error (exit 2).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  parseRuleLevels,
  type RuleDefinition,
  type RuleLevels,
} from '../../server/src/languageService/languageService';
import { describeIoError } from './files';
import { UserError } from './errors';

export const RULE_CONFIG_FILE = '.config-remediation.json';

/** `["RC201=off", "placeholder-account-id=warning"]` → levels by rule id; errors for bad flags. */
export function parseRuleFlags(
  flags: readonly string[],
  rules: readonly RuleDefinition[],
): { levels: RuleLevels; errors: string[] } {
  const entries: Record<string, string> = {};
  const errors: string[] = [];
  for (const flag of flags) {
    const match = /^([^=]+)=(.*)$/.exec(flag.trim());
    if (!match) {
      errors.push(`--rule ${flag}: expected ID_OR_SLUG=LEVEL, e.g. --rule RC201=off.`);
      continue;
    }
    entries[(match[1] ?? '').trim()] = (match[2] ?? '').trim();
  }
  const parsed = parseRuleLevels(entries, rules);
  return {
    levels: parsed.levels,
    errors: [...errors, ...parsed.errors.map((e) => `--rule: ${e}`)],
  };
}

/** Reads and validates one config file; throws a UserError naming the file and every bad entry. */
export async function loadRuleConfig(
  file: string,
  rules: readonly RuleDefinition[],
): Promise<RuleLevels> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new UserError(`${file}: ${describeIoError(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${file}: not valid JSON (${(error as Error).message}).`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError(`${file}: must be an object such as {"rules": {"RC201": "off"}}.`);
  }
  const errors: string[] = [];
  for (const key of Object.keys(value)) {
    if (key !== 'rules' && key !== '$schema')
      errors.push(`unknown setting "${key}" (only "rules").`);
  }
  const parsed = parseRuleLevels((value as { rules?: unknown }).rules, rules);
  errors.push(...parsed.errors);
  if (errors.length > 0) {
    throw new UserError(errors.map((error) => `${file}: ${error}`).join('\n'));
  }
  return parsed.levels;
}

/** The nearest config file from `directory` upwards, stopping at the root or a `.git` folder. */
export async function findRuleConfig(directory: string): Promise<string | undefined> {
  let current = path.resolve(directory);
  for (;;) {
    const candidate = path.join(current, RULE_CONFIG_FILE);
    if (await isFile(candidate)) return candidate;
    if (await exists(path.join(current, '.git'))) return undefined;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * The `levelsFor` hook of the check: the nearest config file's levels with the flags on top.
 * Files and look-ups are cached per folder.
 */
export function createLevelsResolver(
  rules: readonly RuleDefinition[],
  flagLevels: RuleLevels,
): (file: string) => Promise<RuleLevels> {
  const byDirectory = new Map<string, Promise<string | undefined>>();
  const byConfig = new Map<string, Promise<RuleLevels>>();
  return async (file) => {
    const directory = path.dirname(path.resolve(file));
    let found = byDirectory.get(directory);
    if (!found) {
      found = findRuleConfig(directory);
      byDirectory.set(directory, found);
    }
    const config = await found;
    let fileLevels: RuleLevels = {};
    if (config) {
      let loaded = byConfig.get(config);
      if (!loaded) {
        loaded = loadRuleConfig(config, rules);
        byConfig.set(config, loaded);
      }
      fileLevels = await loaded;
    }
    return { ...fileLevels, ...flagLevels };
  };
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch {
    return false;
  }
}
