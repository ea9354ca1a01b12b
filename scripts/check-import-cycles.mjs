// Fails when folders import each other in a cycle (run by `npm run lint`).
//
// Files inside one folder may import each other freely; between folders imports must go one way,
// so that each folder can be read, tested and changed with only the folders below it in mind.
// A "folder" is a first-level folder of one of the roots below (the language service's model/,
// rules/, ...; client/src/account/, ...); a file directly in a root belongs to the root itself
// (the facade server/src/languageService/languageService.ts, cli/src/main.ts, ...).
// The direction inside the language service is also enforced per folder by ESLint
// (`no-restricted-imports` in eslint.config.mjs); this check covers every root and catches
// cycles through folders the ESLint lists do not name.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// Longest first: a file belongs to the deepest root that holds it.
const ROOTS = ['server/src/languageService', 'server/src', 'common/src', 'client/src', 'cli/src'];

function sourceFiles(dir) {
  const found = [];
  for (const name of readdirSync(path.join(repo, dir))) {
    const relative = `${dir}/${name}`;
    if (statSync(path.join(repo, relative)).isDirectory()) found.push(...sourceFiles(relative));
    else if (/\.ts$/.test(name) && !/\.d\.ts$/.test(name)) found.push(relative);
  }
  return found;
}

function unitOf(file) {
  const root = ROOTS.find((candidate) => file.startsWith(`${candidate}/`));
  if (!root) return undefined;
  const rest = file.slice(root.length + 1).split('/');
  return rest.length > 1 ? `${root}/${rest[0]}` : root;
}

function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return undefined; // a package
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) {
    try {
      if (statSync(path.join(repo, candidate)).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** unit → unit → one file import that makes the edge (for the message). */
export function folderGraph(files) {
  const graph = new Map();
  for (const file of files) {
    const from = unitOf(file);
    if (!from) continue;
    const info = ts.preProcessFile(readFileSync(path.join(repo, file), 'utf8'), true, true);
    for (const imported of info.importedFiles) {
      const target = resolveImport(file, imported.fileName);
      const to = target && unitOf(target);
      if (!to || to === from) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      const edges = graph.get(from);
      if (!edges.has(to)) edges.set(to, `${file} imports ${imported.fileName}`);
    }
  }
  return graph;
}

/** Strongly connected components with more than one folder (Tarjan). */
export function cycles(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

const files = [...new Set(ROOTS.flatMap((root) => sourceFiles(root)))];
const graph = folderGraph(files);
const components = cycles(graph);
if (components.length === 0) {
  console.log(
    `check-import-cycles: no folder cycle (${files.length} files, ${graph.size} folders)`,
  );
} else {
  for (const component of components) {
    console.error(`Folder import cycle: ${component.join(' ↔ ')}`);
    for (const from of component) {
      for (const [to, example] of graph.get(from) ?? []) {
        if (component.includes(to)) console.error(`  ${from} → ${to}: ${example}`);
      }
    }
  }
  console.error('Imports between folders must go one way (see ARCHITECTURE.md, "Layers").');
  process.exit(1);
}
