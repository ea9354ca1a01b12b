import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';

/** Extensions the walker considers (`.template`: CloudFormation's, JSON or YAML by content). */
const CANDIDATE = /\.(json|jsonc|ya?ml|template)$/i;
/** Folders never worth walking. */
const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'out',
  '.cache',
]);

export interface FileTarget {
  path: string;
  /** Named on the command line (checked even when its content is not recognised). */
  explicit: boolean;
}

export interface WalkResult {
  targets: FileTarget[];
  /** One message per path that could not be read. */
  errors: string[];
}

/**
 * Expands the command-line paths: files as given, directories walked for JSON/YAML files.
 * Symlink loops are detected by real path; unreadable entries become messages, not crashes.
 * Inside a walked folder, a symbolic link is followed only when it stays inside that folder: a
 * checked-out repository (untrusted, in CI) must not make the CLI read and quote files elsewhere,
 * such as a credentials file. Paths named on the command line are always read.
 */
export async function collectFiles(inputs: readonly string[]): Promise<WalkResult> {
  const result: WalkResult = { targets: [], errors: [] };
  const seenDirectories = new Set<string>();
  const seenFiles = new Set<string>();

  const walk = async (directory: string, root: string): Promise<void> => {
    let real: string;
    try {
      real = await fs.realpath(directory);
    } catch (error) {
      result.errors.push(`${directory}: ${describeIoError(error)}`);
      return;
    }
    if (seenDirectories.has(real)) return; // a symlink loop, or the same folder twice
    seenDirectories.add(real);
    let entries: Dirent[];
    try {
      entries = await fs.readdir(directory, { withFileTypes: true });
    } catch (error) {
      result.errors.push(`${directory}: ${describeIoError(error)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await fs.realpath(full);
          if (
            target !== root &&
            !target.startsWith(root.endsWith(path.sep) ? root : root + path.sep)
          ) {
            continue; // points outside the folder being checked
          }
          const stat = await fs.stat(full);
          isDirectory = stat.isDirectory();
          isFile = stat.isFile();
        } catch {
          continue; // a dangling link inside a walked folder is not the user's target
        }
      }
      if (isDirectory) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) await walk(full, root);
      } else if (isFile && CANDIDATE.test(entry.name)) {
        addFile(full, false);
      }
    }
  };

  const addFile = (file: string, explicit: boolean): void => {
    const key = path.resolve(file);
    if (seenFiles.has(key)) return;
    seenFiles.add(key);
    result.targets.push({ path: file, explicit });
  };

  for (const input of inputs) {
    let stat;
    try {
      stat = await fs.stat(input);
    } catch (error) {
      result.errors.push(`${input}: ${describeIoError(error)}`);
      continue;
    }
    if (stat.isDirectory()) {
      let root: string;
      try {
        root = await fs.realpath(input);
      } catch (error) {
        result.errors.push(`${input}: ${describeIoError(error)}`);
        continue;
      }
      await walk(input, root);
    } else if (stat.isFile()) addFile(input, true);
    else result.errors.push(`${input}: not a regular file or directory`);
  }
  return result;
}

export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return (error as Error)?.message ?? String(error);
  }
}
