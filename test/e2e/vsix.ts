/**
 * Shared by the e2e tests: the .vsix under test (built by `npm run package`, which test:e2e runs
 * first), a minimal zip reader to look inside it, and the in-editor suite files.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { FIXTURE_ACCESS_KEY_ID, FIXTURE_SECRET_ACCESS_KEY } from '../fixtures/awsFixture';
import { REPO_ROOT, makeTempDir } from './codeServer';

/** `E2E_VSIX`, else `<repo>/<name>-<version>.vsix` (what `npm run package` writes). */
export function vsixPath(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  const file =
    process.env.E2E_VSIX ?? path.join(REPO_ROOT, `${manifest.name}-${manifest.version}.vsix`);
  assert.ok(fs.existsSync(file), `${file} is missing: run \`npm run package\` first`);
  return file;
}

export interface ZipEntry {
  name: string;
  compressedSize: number;
  size: number;
  method: number;
  localHeaderOffset: number;
}

/** Lists a zip's entries from its central directory (no zip64; a .vsix is small). */
export function listZip(buffer: Buffer): ZipEntry[] {
  const eocdSignature = 0x06054b50;
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
    if (buffer.readUInt32LE(i) === eocdSignature) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory record)');
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) throw new Error('bad central directory');
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    entries.push({
      method: buffer.readUInt16LE(offset + 10),
      compressedSize: buffer.readUInt32LE(offset + 20),
      size: buffer.readUInt32LE(offset + 24),
      localHeaderOffset: buffer.readUInt32LE(offset + 42),
      name: buffer.toString('utf8', offset + 46, offset + 46 + nameLength),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The uncompressed bytes of one entry. */
export function readZipEntry(buffer: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (buffer.readUInt32LE(at) !== 0x04034b50) throw new Error(`bad local header: ${entry.name}`);
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  const data = buffer.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`unsupported compression method ${entry.method} for ${entry.name}`);
}

/** Compiled in-editor suite files (out/test/vscode/suite/<name>.test.js). */
export function suiteFile(name: string): string {
  const file = path.join(REPO_ROOT, 'out', 'test', 'vscode', 'suite', `${name}.test.js`);
  assert.ok(fs.existsSync(file), `${file} is missing: run \`tsc -p .\``);
  return file;
}

/**
 * Environment of code-server (and so of the extension host): the fixture's credentials, and
 * nothing from the machine's AWS configuration.
 */
export function awsTestEnv(): Record<string, string> {
  const none = path.join(makeTempDir('aws'), 'none');
  return {
    AWS_ACCESS_KEY_ID: FIXTURE_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: FIXTURE_SECRET_ACCESS_KEY,
    AWS_CONFIG_FILE: none,
    AWS_SHARED_CREDENTIALS_FILE: none,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PROFILE: '',
    AWS_SESSION_TOKEN: '',
  };
}
