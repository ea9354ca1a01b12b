import { minimatch } from 'minimatch';
import type { ParsedDocument } from './ast';
import type { DocumentKind } from './document';
import { CONFIGURATIONS_KEY, isRequestContent, mayBeConfigurationList } from './layout';

/** `*.remediation.json|jsonc|yaml|yml` files are always ours, even when empty or broken. */
export const REMEDIATION_FILE_PATTERN = /\.remediation\.(json|jsonc|ya?ml)$/i;

export interface RecognitionOptions {
  /** Extra glob patterns (setting `awsConfigRemediation.files.include`) of files that are always ours. */
  include?: readonly string[];
  /** Extra content detectors tried in order (CloudFormation plugs in here). */
  detectors?: readonly ContentDetector[];
}

/**
 * Looks at a parsed document and says which kind it is, or undefined when it is not ours.
 * `mayMatch` is a cheap test on the text (e.g. a substring); when it says no, the document is not
 * parsed for this detector.
 */
export type ContentDetector = ((parsed: ParsedDocument) => DocumentKind | undefined) & {
  mayMatch?: (text: string) => boolean;
};

export interface Recognition {
  kind: DocumentKind;
  reason: 'file-name' | 'setting' | 'content';
}

/**
 * Decides whether a file is ours. By name or setting first (no parse needed), then by content:
 * a cheap substring test avoids parsing unrelated files, so the server stays quiet and fast on
 * every other JSON/YAML file of a workspace. A file that is ours by name is still a template
 * when its content is one (a `x.remediation.yaml` holding remediation resources).
 */
export function recogniseDocument(
  path: string,
  text: string,
  parse: () => ParsedDocument,
  options: RecognitionOptions = {},
): Recognition | undefined {
  const detectors = (options.detectors ?? []).filter(
    (detect) => !detect.mayMatch || detect.mayMatch(text),
  );
  const byName = REMEDIATION_FILE_PATTERN.test(path)
    ? 'file-name'
    : options.include && options.include.length > 0 && matchesAnyGlob(path, options.include)
      ? 'setting'
      : undefined;
  if (byName) {
    const kind = detectors.length > 0 ? detectKind(parse(), detectors) : undefined;
    return { kind: kind ?? 'request', reason: byName };
  }
  const mayBeRequest = text.includes(CONFIGURATIONS_KEY) || mayBeConfigurationList(text);
  if (!mayBeRequest && detectors.length === 0) return undefined;
  const parsed = parse();
  if (mayBeRequest && isRequestContent(parsed.roots[0])) {
    return { kind: 'request', reason: 'content' };
  }
  const kind = detectKind(parsed, detectors);
  return kind ? { kind, reason: 'content' } : undefined;
}

function detectKind(
  parsed: ParsedDocument,
  detectors: readonly ContentDetector[],
): DocumentKind | undefined {
  for (const detect of detectors) {
    const kind = detect(parsed);
    if (kind) return kind;
  }
  return undefined;
}

const matcherCache = new Map<string, (path: string) => boolean>();

/** Globs with a "/" match the whole path; globs without one match the file name. */
export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  const normalised = path.replace(/\\/g, '/');
  const baseName = normalised.slice(normalised.lastIndexOf('/') + 1);
  return globs.some((glob) => {
    let matcher = matcherCache.get(glob);
    if (!matcher) {
      try {
        const compiled = (candidate: string) =>
          minimatch(candidate, glob, { dot: true, nocase: true, matchBase: false });
        matcher = glob.includes('/')
          ? (candidate: string) => compiled(candidate) || compiled(candidate.replace(/^\//, ''))
          : (candidate: string) => compiled(candidate.slice(candidate.lastIndexOf('/') + 1));
      } catch {
        matcher = () => false; // an invalid glob in settings matches nothing
      }
      matcherCache.set(glob, matcher);
    }
    return matcher(glob.includes('/') ? normalised : baseName);
  });
}
