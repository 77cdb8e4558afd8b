// Pure builders for the OpenAI wire format, kept apart from the server so the shapes can be read on one screen.

/** Token counts as the OpenAI API reports them. */
export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** One chat message as sent by the client; content is a string or an array of content parts. */
export interface ChatMessage {
  role: string;
  content?: unknown;
}

/** Rough token count: one token per whitespace-separated word, which is stable and good enough for usage assertions. */
export function countTokens(text: string): number {
  return text.split(/\s+/).filter((word) => word.length > 0).length;
}

/** Flattens a message's content (string or content parts) to plain text. */
export function messageText(message: ChatMessage): string {
  if (typeof message.content === 'string') return message.content;
  if (!Array.isArray(message.content)) return '';
  return message.content
    .map((part: unknown) =>
      typeof part === 'object' && part !== null && 'text' in part && typeof part.text === 'string' ? part.text : '',
    )
    .join('');
}

/** Builds a usage block from the prompt and the completion text. */
export function buildUsage(prompt: string, completion: string): Usage {
  const promptTokens = countTokens(prompt);
  const completionTokens = countTokens(completion);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}

/** A non-streaming `chat.completion` body. */
export function buildCompletion(id: string, model: string, text: string, usage: Usage): object {
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, finish_reason: 'stop' }],
    usage,
  };
}

/** One `chat.completion.chunk`; `choices` is empty for the trailing usage chunk, as OpenAI sends it. */
export function buildChunk(
  id: string,
  model: string,
  choice: { delta: Record<string, string>; finish_reason: string | null } | null,
  usage: Usage | null = null,
): object {
  return {
    id,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: choice ? [{ index: 0, ...choice }] : [],
    usage,
  };
}

/** Frames one server-sent event the way OpenAI does: a single `data:` line and a blank line. */
export function sseEvent(data: object | string): string {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

/**
 * Splits text into at most `parts` pieces on word boundaries; joining them gives the text back exactly.
 * Without `parts`, each word (with its trailing space) is one piece, like real token deltas.
 */
export function splitText(text: string, parts?: number): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? [];
  if (words.length === 0) return text.length > 0 ? [text] : [];
  const count = Math.max(1, Math.min(parts ?? words.length, words.length));
  const size = Math.ceil(words.length / count);
  const pieces: string[] = [];
  for (let i = 0; i < words.length; i += size) pieces.push(words.slice(i, i + size).join(''));
  return pieces;
}

// FNV-1a: tiny, deterministic across runs and platforms, and good enough to spread words over a few buckets.
function hashWord(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    hash ^= word.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Feature-hashes the words of `text` into a unit vector of `dimensions` numbers, so texts sharing words
 * are close and a test can predict similarity. Empty text maps to the first basis vector, never to zeros
 * (a zero vector makes cosine similarity NaN).
 */
export function embedText(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const hash = hashWord(word);
    const index = hash % dimensions;
    vector[index] = (vector[index] ?? 0) + (hash & 0x80000000 ? -1 : 1);
  }
  const norm = Math.hypot(...vector);
  if (norm === 0) return vector.map((_, i) => (i === 0 ? 1 : 0));
  return vector.map((value) => value / norm);
}

/** Encodes a vector as the API does for `encoding_format: 'base64'`: little-endian float32, base64. */
export function encodeBase64Vector(vector: readonly number[]): string {
  const view = new DataView(new ArrayBuffer(vector.length * 4));
  vector.forEach((value, i) => {
    view.setFloat32(i * 4, value, true);
  });
  return Buffer.from(view.buffer).toString('base64');
}

/** Normalises the `input` field of an embeddings request (string, strings, or token arrays) to texts. */
export function embeddingInputs(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input)) return [];
  // A flat array of numbers is one tokenised input; an array of arrays is several.
  if (input.every((item) => typeof item === 'number')) return [input.join(' ')];
  return input.map((item: unknown) => (Array.isArray(item) ? item.join(' ') : String(item)));
}

/** An OpenAI-shaped error body. */
export function buildError(message: string, type: string, code: string | null = null): object {
  return { error: { message, type, param: null, code } };
}
