import type { Dirent } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import { type SourceItem, toSourceItem } from './article-input.js';
import { parseHtml } from './parse-html.js';
import { parseMarkdown } from './parse-markdown.js';
import { parseText, type RawArticle } from './parse-text.js';
import { readBeirCorpus } from './read-beir.js';
import { zendeskExportToItems } from './read-zendesk.js';

// Git, editor and OS files, and installed packages, are never knowledge-base content.
const SKIPPED_DIRS = new Set(['node_modules']);
// A folder's README describes the folder (kb/sample has one); it is not an article.
const FOLDER_README = /^readme\.(md|markdown|txt)$/i;
// Where binary files give themselves away: a NUL byte within the first 8 KiB (as git checks).
const SNIFF_BYTES = 8192;
// One article file past this is a mistake (a dump, a log, a disk image renamed .md), and reading it
// whole would hold it all in memory at once. An export (.json) holds many articles; V8 cannot
// make a string over about 512 MB of it anyway.
const MAX_ARTICLE_FILE_BYTES = 10 * 1024 * 1024;
const MAX_EXPORT_FILE_BYTES = 256 * 1024 * 1024;
const NOT_UTF8 = 'not UTF-8 text: invalid UTF-8 bytes (save it as UTF-8; a binary file cannot be indexed)';

const PARSERS: Record<string, (text: string, externalId: string) => RawArticle> = {
  '.md': parseMarkdown,
  '.markdown': parseMarkdown,
  '.mdx': parseMarkdown,
  '.html': parseHtml,
  '.htm': parseHtml,
  '.txt': parseText,
};

/**
 * Reads every article under `path` (a folder, walked recursively in sorted order, or one file).
 * A walk skips dotfiles, dot-folders, node_modules and README files.
 * A bad file or record becomes a failed item with its path and reason; this only throws when
 * `path` itself does not exist.
 * @example for await (const item of readSource('kb/sample')) if (item.kind === 'failed') console.warn(item.path, item.reason);
 */
export async function* readSource(path: string): AsyncGenerator<SourceItem> {
  const info = await stat(path).catch((error: unknown) => {
    throw new Error(`source path not found: ${path}`, { cause: error });
  });
  if (!info.isDirectory()) {
    yield* readFileItems(path, basename(path));
    return;
  }
  for await (const file of walk(path)) {
    yield* readFileItems(file, relative(path, file).split(sep).join('/'));
  }
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  // Plain code-unit order, not localeCompare, so the order is the same on every machine.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (!FOLDER_README.test(entry.name) && (await isFile(entry, full))) yield full;
  }
}

// Symlinks to files are followed; symlinked folders are not, so a link cycle cannot loop forever.
async function isFile(entry: Dirent, full: string): Promise<boolean> {
  if (entry.isFile()) return true;
  if (!entry.isSymbolicLink()) return false;
  return (await stat(full).catch(() => null))?.isFile() ?? false;
}

async function* readFileItems(path: string, externalId: string): AsyncGenerator<SourceItem> {
  const ext = extname(path).toLowerCase();
  const fail = (reason: string): SourceItem => ({ kind: 'failed', path, reason, externalId });
  const parser = PARSERS[ext];
  if (!parser && ext !== '.json' && ext !== '.jsonl') {
    yield fail(ext === '' ? 'unknown extension (none)' : `unknown extension ${ext}`);
    return;
  }
  const tooLarge = await sizeProblem(path, ext);
  if (tooLarge !== undefined) {
    yield fail(tooLarge);
    return;
  }
  // An unreadable file (permissions, deleted mid-walk) is one bad file, not a failed run.
  const bytes = await (ext === '.jsonl' ? readHead(path) : readFile(path)).catch((error: unknown) =>
    errorMessage(error),
  );
  if (typeof bytes === 'string') {
    yield fail(`cannot read file: ${bytes}`);
    return;
  }
  if (ext === '.jsonl') {
    // A corpus can be large: only its head was read; readBeirCorpus streams the rest.
    if (hasNul(bytes)) yield fail('binary file');
    else yield* readBeirCorpus(path);
    return;
  }
  const utf16 = utf16Encoding(bytes);
  if (utf16 === null && hasNul(bytes.subarray(0, SNIFF_BYTES))) {
    yield fail('binary file');
    return;
  }
  const text = decodeText(bytes, utf16);
  if (text === null) {
    yield fail(utf16 === null ? NOT_UTF8 : `not ${utf16.toUpperCase()} text: invalid bytes after its byte-order mark`);
    return;
  }
  if (utf16 !== null && text.includes('\u0000')) {
    yield fail('binary file');
    return;
  }
  if (ext === '.json') {
    yield* jsonItems(path, text, externalId);
    return;
  }
  let item: SourceItem;
  try {
    item = toSourceItem(path, parser?.(text, externalId));
  } catch (error) {
    item = fail(errorMessage(error));
  }
  yield item;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function* jsonItems(path: string, text: string, externalId: string): Generator<SourceItem> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    yield { kind: 'failed', path, reason: `invalid JSON: ${errorMessage(error)}`, externalId };
    return;
  }
  if (Array.isArray((data as { articles?: unknown } | null)?.articles)) {
    yield* zendeskExportToItems(path, data);
  } else if (Array.isArray(data)) {
    for (const [index, record] of data.entries()) yield toSourceItem(`${path}:[${index}]`, record);
  } else {
    yield {
      kind: 'failed',
      path,
      reason: 'unrecognised JSON: expected a Zendesk export with an "articles" array or an array of articles',
      externalId,
    };
  }
}

async function sizeProblem(path: string, ext: string): Promise<string | undefined> {
  if (ext === '.jsonl') return undefined; // streamed, never read whole
  const limit = ext === '.json' ? MAX_EXPORT_FILE_BYTES : MAX_ARTICLE_FILE_BYTES;
  const size = (await stat(path).catch(() => undefined))?.size ?? 0;
  if (size <= limit) return undefined;
  const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
  return `file too large: ${mb(size)}, over the ${mb(limit)} limit for a ${ext === '.json' ? 'JSON export' : 'single article'}`;
}

// Windows editors (Notepad, "Unicode" in Word's Save As) write UTF-16 with a byte-order mark; every
// other character of such a file is a NUL byte, so without this it would look binary.
function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function decodeText(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be' | null): string | null {
  try {
    // fatal: invalid UTF-8 means binary (or a legacy encoding we would only garble). The BOM is dropped.
    return new TextDecoder(encoding ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function hasNul(bytes: Uint8Array): boolean {
  return bytes.includes(0);
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
