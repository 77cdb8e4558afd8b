import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { type SourceItem, toSourceItem } from './article-input.js';

/**
 * Streams a BEIR corpus.jsonl ({_id, title, text, metadata}) one line at a time; each item's path
 * is `file:line`. A broken line becomes a failed item and reading goes on; blank lines are skipped.
 * @example for await (const item of readBeirCorpus('data/scifact/corpus.jsonl')) console.log(item.kind);
 */
export async function* readBeirCorpus(path: string): AsyncGenerator<SourceItem> {
  const lines = createInterface({ input: Readable.from(decodeUtf8(path)), crlfDelay: Number.POSITIVE_INFINITY });
  let lineNo = 0;
  try {
    for await (const line of lines) {
      lineNo += 1;
      if (line.trim() === '') continue;
      yield beirLineToItem(`${path}:${lineNo}`, line);
    }
  } catch (error) {
    // Only the strict decoder throws here: the rest of the file is not text. It decodes whole
    // read chunks, so the line number of the bad byte is not known; the file path is reported.
    if (!(error instanceof TypeError)) throw error;
    yield { kind: 'failed', path, reason: 'binary file' };
  } finally {
    lines.close();
  }
}

/** Turns one corpus line into an item; exported for tests and for callers that already hold the text. */
export function beirLineToItem(path: string, line: string): SourceItem {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    return { kind: 'failed', path, reason: `invalid JSON: ${(error as Error).message}` };
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    return { kind: 'failed', path, reason: 'expected a JSON object with _id, title and text' };
  const { _id: id, title, text, metadata } = record as Record<string, unknown>;
  const url = (metadata as { url?: unknown } | null | undefined)?.url;
  return toSourceItem(path, {
    externalId: typeof id === 'number' ? String(id) : id,
    title: title ?? '',
    body: text ?? '',
    // BEIR metadata is free-form; only a usable URL is worth keeping.
    url: typeof url === 'string' && /^https?:\/\//.test(url) ? url : null,
  });
}

// Strict decoding, so a binary file surfaces as an error instead of replacement characters.
async function* decodeUtf8(path: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of createReadStream(path)) {
    yield decoder.decode(chunk as Buffer, { stream: true });
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}
