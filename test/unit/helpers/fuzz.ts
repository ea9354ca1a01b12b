/**
 * Shared oracle and settings of the fuzz suites (test/unit/fuzz*.test.ts).
 *
 * CI runs them with a fixed seed, a small number of runs and a time bound per property. For long
 * runs: `FUZZ_RUNS=100000 FUZZ_SEED=7 npm run fuzz` (FUZZ_TIME_LIMIT_MS bounds each property;
 * unset with FUZZ_RUNS means no bound). A failure prints the seed and path: replay it with
 * FUZZ_SEED=<seed> FUZZ_PATH=<path> and --grep on the test.
 */
import * as assert from 'node:assert/strict';
import type { Parameters } from 'fast-check';
import type { DocumentFormat, ParsedDocument } from '../../../server/src/languageService/model/ast';
import {
  createLanguageService,
  type LanguageService,
  type LanguageServiceDeps,
  type OutlineSymbol,
} from '../../../server/src/languageService/languageService';
import type { Problem } from '../../../server/src/languageService/model/problem';

function intEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`${name} must be an integer, not "${raw}"`);
  return value;
}

/** The seed of every property (FUZZ_SEED), fixed so CI runs are reproducible. */
export const FUZZ_SEED = intEnv('FUZZ_SEED') ?? 20_240_607;
const RUNS = intEnv('FUZZ_RUNS');
const TIME_LIMIT_MS = intEnv('FUZZ_TIME_LIMIT_MS');

/** True for `npm run fuzz` long runs: tests then lift their mocha timeouts. */
export const LONG_RUN = RUNS !== undefined;

/**
 * fast-check parameters: the CI defaults unless FUZZ_RUNS / FUZZ_TIME_LIMIT_MS say otherwise. The
 * time limit stops generating new inputs (the runs so far must all pass), so CI stays bounded.
 */
export function fuzzParameters(
  defaultRuns: number,
  defaultTimeLimitMs: number,
): Parameters<unknown> {
  const timeLimit = TIME_LIMIT_MS ?? (RUNS === undefined ? defaultTimeLimitMs : undefined);
  // FUZZ_PATH (with FUZZ_SEED) replays one failure: fast-check prints both.
  const replayPath = process.env.FUZZ_PATH?.trim();
  return {
    seed: FUZZ_SEED,
    numRuns: RUNS ?? defaultRuns,
    ...(replayPath ? { path: replayPath } : {}),
    ...(timeLimit !== undefined && timeLimit > 0
      ? { interruptAfterTimeLimit: timeLimit, markInterruptAsFailure: false }
      : {}),
  };
}

/** A mocha timeout that fits the property's time bound (none for long runs). */
export function suiteTimeout(defaultTimeLimitMs: number): number {
  return LONG_RUN ? 0 : defaultTimeLimitMs * 3 + 20_000;
}

/** A language service that records internal failures completion and hover would otherwise hide. */
export function createRecordingService(deps: LanguageServiceDeps = {}): {
  service: LanguageService;
  internalErrors: string[];
} {
  const internalErrors: string[] = [];
  const service = createLanguageService({
    ...deps,
    onInternalError(feature, error) {
      internalErrors.push(`${feature}: ${(error as Error)?.stack ?? String(error)}`);
    },
  });
  return { service, internalErrors };
}

function assertRange(
  what: string,
  range: { offset: number; length: number },
  textLength: number,
): void {
  const { offset, length } = range;
  assert.ok(
    Number.isInteger(offset) &&
      Number.isInteger(length) &&
      offset >= 0 &&
      length >= 0 &&
      offset + length <= textLength,
    `${what}: range ${offset}+${length} is outside the document (length ${textLength})`,
  );
}

export interface ExerciseOptions {
  /** Offsets at which to complete and hover (default: a few spread over the text). */
  offsets?: readonly number[];
  /** Run everything twice on a fresh parse and compare (default true). */
  deterministic?: boolean;
  /** Apply every quick fix and check the result again (default true). */
  applyFixes?: boolean;
  /** The document kind to validate as (default: as recognised by content, else request). */
  kind?: 'request' | 'cloudformation';
}

export interface ExerciseReport {
  parsed: ParsedDocument;
  problems: Problem[];
  /** Milliseconds the first pass took. */
  elapsedMs: number;
}

/** Offsets worth completing at: both ends, the middle, and around structural characters. */
export function interestingOffsets(text: string, max = 8): number[] {
  const offsets = new Set<number>([0, text.length, Math.floor(text.length / 2)]);
  for (let i = 0; i < text.length && offsets.size < max; i++) {
    const char = text[i];
    if (char === ':' || char === '"' || char === '-' || char === '\n') {
      offsets.add(i);
      offsets.add(i + 1);
    }
  }
  return [...offsets].filter((offset) => offset <= text.length).slice(0, max);
}

interface Pass {
  problems: Problem[];
  completions: string;
  hovers: string;
  actions: string;
  configurations: string;
  navigation: string;
}

/** Every symbol's range in the document and its selection inside it, children inside it. */
function assertSymbols(
  symbols: readonly OutlineSymbol[],
  textLength: number,
  parent?: OutlineSymbol,
): void {
  for (const symbol of symbols) {
    assertRange(`symbol "${symbol.name}"`, symbol.range, textLength);
    const within = (inner: { offset: number; length: number }, outer: typeof inner) =>
      inner.offset >= outer.offset && inner.offset + inner.length <= outer.offset + outer.length;
    assert.ok(within(symbol.selectionRange, symbol.range), `symbol "${symbol.name}": selection`);
    if (parent) assert.ok(within(symbol.range, parent.range), `symbol "${symbol.name}": parent`);
    assertSymbols(symbol.children, textLength, symbol);
  }
}

/**
 * Runs every feature of the language service on a text and checks the properties that must hold
 * for any input: nothing throws, no rule or feature fails inside (RC009 or a hidden error), every
 * range lies inside the document, and the results are deterministic.
 */
export function exercise(
  recording: { service: LanguageService; internalErrors: string[] },
  text: string,
  format: DocumentFormat,
  options: ExerciseOptions = {},
): ExerciseReport {
  const { service, internalErrors } = recording;
  const offsets = options.offsets ?? interestingOffsets(text);
  internalErrors.length = 0;

  const pass = (): { parsed: ParsedDocument; result: Pass } => {
    const parsed = service.parse(text, format);
    assert.equal(parsed.text, text, 'parse must keep the text');
    for (const problem of parsed.problems)
      assertRange(`parse ${problem.ruleId}`, problem, text.length);
    const recognised = service.recognise('fuzz.json', text, () => parsed);
    const kind = options.kind ?? recognised?.kind ?? 'request';
    const problems = service.validate(parsed, kind);
    for (const problem of problems) {
      assertRange(`${problem.ruleId} "${problem.message}"`, problem, text.length);
      assert.notEqual(problem.ruleId, 'RC009', `a rule failed: ${problem.message}`);
      for (const fix of problem.fixes ?? []) {
        for (const edit of fix.edits) assertRange(`fix "${fix.title}"`, edit, text.length);
      }
    }
    const configurations = service.configurations(parsed, kind);
    for (const configuration of configurations) {
      assertRange('configuration', configuration, text.length);
    }
    const completions: string[] = [];
    const hovers: string[] = [];
    for (const offset of offsets) {
      for (const item of service.complete(parsed, kind, offset)) {
        assertRange(`completion "${item.label}" at ${offset}`, item.range, text.length);
        completions.push(`${offset}:${item.label}:${item.insertText}`);
      }
      const hover = service.hover(parsed, kind, offset);
      if (hover) {
        assertRange(`hover at ${offset}`, hover.range, text.length);
        hovers.push(`${offset}:${hover.markdown}`);
      }
    }
    const symbols = service.documentSymbols(parsed, kind);
    assertSymbols(symbols, text.length);
    const folding = service.foldingRanges(parsed, kind) ?? [];
    for (const region of folding) {
      assert.ok(
        region.offset >= 0 && region.offset <= region.end && region.end <= text.length,
        `folding region ${region.offset}-${region.end} is outside the document`,
      );
    }
    const links = service.documentLinks(parsed, kind);
    for (const link of links) assertRange(`link ${link.target}`, link.range, text.length);
    const located: string[] = [];
    for (const offset of offsets) {
      const definition = service.definition(parsed, kind, offset);
      const references = service.references(parsed, kind, offset, true);
      for (const range of [...definition, ...references]) {
        assertRange(`definition or reference at ${offset}`, range, text.length);
      }
      located.push(`${offset}:${JSON.stringify(definition)}:${JSON.stringify(references)}`);
    }
    assert.deepEqual(internalErrors, [], 'a feature failed inside');
    const actions = service.codeActions(
      problems,
      { offset: 0, length: text.length },
      { parsed, kind },
    );
    for (const action of actions) {
      for (const edit of action.edits) assertRange(`action "${action.title}"`, edit, text.length);
    }
    return {
      parsed,
      result: {
        problems,
        completions: completions.join('\n'),
        hovers: hovers.join('\n'),
        actions: JSON.stringify(actions),
        configurations: JSON.stringify(configurations),
        navigation: JSON.stringify({ symbols, folding, links, located }),
      },
    };
  };

  const started = performance.now();
  const first = pass();
  const elapsedMs = performance.now() - started;
  if (options.deterministic !== false) {
    const second = pass();
    assert.deepEqual(second.result, first.result, 'results must be deterministic');
  }
  if (options.applyFixes !== false) {
    for (const problem of first.result.problems) {
      for (const fix of problem.fixes ?? []) {
        const fixed = applyEdits(text, fix.edits);
        const parsed = service.parse(fixed, format);
        for (const after of service.validate(parsed, options.kind ?? 'request')) {
          assertRange(`after fix "${fix.title}": ${after.ruleId}`, after, fixed.length);
          assert.notEqual(after.ruleId, 'RC009', `a rule failed after a fix: ${after.message}`);
        }
      }
    }
  }
  return { parsed: first.parsed, problems: first.result.problems, elapsedMs };
}

/** Applies non-overlapping edits (offsets in the original text). */
export function applyEdits(
  text: string,
  edits: readonly { offset: number; length: number; newText: string }[],
): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  let result = text;
  for (const edit of sorted) {
    result = result.slice(0, edit.offset) + edit.newText + result.slice(edit.offset + edit.length);
  }
  return result;
}
