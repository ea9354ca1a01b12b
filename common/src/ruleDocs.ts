import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleDocUrl } from './protocol';

/**
 * The docs link of each diagnostic's code (`codeDescription.href`; also RC500, which the
 * client puts on a configuration after a failed deploy): the rule's heading in the
 * docs/rules.md shipped beside the server, as `file:///…/docs/rules.md#L<line>`. VS Code's opener
 * (the diagnostic hover, the Problems panel) opens a file URI with an `#L<line>` fragment at that
 * line, offline, in the desktop and in code-server alike (there the extension host and the server
 * share the remote machine's files); Neovim and other clients get a real file. Only when the docs
 * are not there (the server run from elsewhere) does the link fall back to the repository's
 * docs/rules.md on GitHub (`ruleDocUrl`).
 */
export type RuleDocHref = (id: string, slug: string) => string;

/**
 * Where docs/rules.md is beside the code: the .vsix ships `dist/server.js`, `dist/extension.js`
 * and `docs/rules.md` (.vscodeignore), so `../docs/rules.md` from a bundle; the compiled tests run
 * `out/common/src/`, three folders below the repository.
 */
export function ruleDocsCandidates(codeDir: string = __dirname): string[] {
  return [
    resolve(codeDir, '..', 'docs', 'rules.md'),
    resolve(codeDir, '..', '..', '..', 'docs', 'rules.md'),
  ];
}

/** The 1-based line of each `## RCnnn slug` heading of a rules.md text. */
export function ruleHeadingLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const heading = /^## (RC\d{3})\b/;
  text.split(/\r?\n/).forEach((line, index) => {
    const match = heading.exec(line);
    if (match && !lines.has(match[1])) lines.set(match[1], index + 1);
  });
  return lines;
}

/**
 * Reads the first candidate that exists and has rule headings, once. Never throws: without
 * shipped docs every link is the repository URL; a rule without a heading in the shipped docs
 * gets that URL too.
 */
export function ruleDocHref(candidates: readonly string[] = ruleDocsCandidates()): RuleDocHref {
  for (const file of candidates) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const lines = ruleHeadingLines(text);
    if (lines.size === 0) continue;
    const base = pathToFileURL(file).href;
    return (id, slug) => {
      const line = lines.get(id);
      return line === undefined ? ruleDocUrl(id, slug) : `${base}#L${line}`;
    };
  }
  return ruleDocUrl;
}
