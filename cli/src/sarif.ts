/**
 * `check --format sarif`: SARIF 2.1.0, the format GitHub code scanning and other CI dashboards
 * read. One run, one `rule` per rule id (with its docs link), one result per finding.
 */

import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleDefinition, Severity } from '../../server/src/languageService/languageService';
import { REPOSITORY_URL, ruleDocUrl } from '../../common/src/protocol';
import type { CliFileResult } from './output';

const SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** SARIF has no "information" or "hint": both are notes. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

export function formatSarif(
  files: readonly CliFileResult[],
  rules: readonly RuleDefinition[],
  version: string,
): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results = files.flatMap((file) =>
    file.diagnostics.map((d) => {
      const index = ruleIndex.get(d.code);
      return {
        ruleId: d.code,
        ...(index === undefined ? {} : { ruleIndex: index }),
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: artifactUri(file.path) },
              region: {
                startLine: d.line,
                startColumn: d.column,
                endLine: d.endLine,
                endColumn: d.endColumn,
              },
            },
          },
        ],
      };
    }),
  );
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'config-remediation',
            version,
            informationUri: REPOSITORY_URL,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.slug,
              shortDescription: { text: rule.description },
              helpUri: ruleDocUrl(rule.id, rule.slug),
              defaultConfiguration: { level: LEVEL[rule.severity] },
            })),
          },
        },
        // Our columns count UTF-16 code units (as editors do), not SARIF's default code points.
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

/**
 * A relative path stays relative (code scanning resolves it against the repository root), with
 * forward slashes and each segment percent-encoded; an absolute path becomes a file: URI.
 */
export function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file
    .split(/[\\/]/)
    .filter((segment) => segment !== '.')
    .map(encodeURIComponent)
    .join('/');
}
