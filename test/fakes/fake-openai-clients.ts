import type { AIMessageChunk } from '@langchain/core/messages';
import { ChatOpenAI, type ChatOpenAIFields, OpenAIEmbeddings, type OpenAIEmbeddingsParams } from '@langchain/openai';
import type { FakeOpenAI } from './fake-openai.js';

/** A ChatOpenAI pointed at the fake; retries are off so a scripted failure shows up on the first call. */
export function createFakeChatModel(fake: FakeOpenAI, fields: ChatOpenAIFields = {}): ChatOpenAI {
  return new ChatOpenAI({
    model: 'fake-model',
    apiKey: 'test',
    maxRetries: 0,
    ...fields,
    configuration: { baseURL: fake.url, ...fields.configuration },
  });
}

/** OpenAIEmbeddings pointed at the fake, with retries off. */
export function createFakeEmbeddings(fake: FakeOpenAI, fields: Partial<OpenAIEmbeddingsParams> = {}): OpenAIEmbeddings {
  return new OpenAIEmbeddings({
    model: 'fake-embedding',
    apiKey: 'test',
    maxRetries: 0,
    configuration: { baseURL: fake.url },
    ...fields,
  });
}

/** What a streaming consumer saw: every chunk that arrived, and the error that ended the stream, if any. */
export interface StreamOutcome {
  chunks: AIMessageChunk[];
  text: string;
  error: unknown;
}

/** Drains `model.stream()`, keeping the chunks that arrived before a failure instead of losing them to the throw. */
export async function collectStream(
  model: ChatOpenAI,
  input: string,
  options: { signal?: AbortSignal } = {},
): Promise<StreamOutcome> {
  const chunks: AIMessageChunk[] = [];
  let error: unknown;
  try {
    for await (const chunk of await model.stream(input, options)) chunks.push(chunk);
  } catch (caught) {
    error = caught;
  }
  const text = chunks.map((chunk) => (typeof chunk.content === 'string' ? chunk.content : '')).join('');
  return { chunks, text, error };
}
