/**
 * `check --format junit`: JUnit XML, which most CI systems show as a test report. One
 * `<testsuite>` per checked file and one `<testcase>` per finding; errors and warnings are
 * failures, information and hints pass (with the finding in `<system-out>`). A file without
 * findings gets one passing test case, so that clean files show in the report too.
 */

import type { CliDiagnostic, CliFileResult } from './output';

export function formatJunit(files: readonly CliFileResult[]): string {
  let tests = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const file of files) {
    const cases: string[] = [];
    let fileFailures = 0;
    for (const d of file.diagnostics) {
      const failing = d.severity === 'error' || d.severity === 'warning';
      if (failing) fileFailures++;
      cases.push(testCase(file.path, d, failing));
    }
    if (cases.length === 0) {
      cases.push(`    <testcase classname="${attr(file.path)}" name="no findings"/>`);
    }
    tests += cases.length;
    failures += fileFailures;
    suites.push(
      `  <testsuite name="${attr(file.path)}" tests="${cases.length}" failures="${fileFailures}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="config-remediation" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites,
    '</testsuites>',
  ].join('\n');
}

function testCase(file: string, d: CliDiagnostic, failing: boolean): string {
  const where = `${file}:${d.line}:${d.column}`;
  const name = `${d.code} at ${d.line}:${d.column}`;
  const open = `    <testcase classname="${attr(file)}" name="${attr(name)}">`;
  const detail = text(`${where} ${d.severity} ${d.code} ${d.message}`);
  const body = failing
    ? `      <failure type="${attr(d.code)}" message="${attr(d.message)}">${detail}</failure>`
    : `      <system-out>${detail}</system-out>`;
  return `${open}\n${body}\n    </testcase>`;
}

/**
 * XML 1.0 cannot carry most control characters or lone surrogates, even as references; messages
 * quote the file's text, so these become U+FFFD.
 */
function clean(value: string): string {
  return value.replace(
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}

function text(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also escape quotes, and line breaks (which parsers would normalise away). */
function attr(value: string): string {
  return text(value)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
