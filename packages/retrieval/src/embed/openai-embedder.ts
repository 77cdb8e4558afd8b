import { OpenAIEmbeddings } from '@langchain/openai';
import { AppError } from '@support/db';
import type { Embedder } from './embedder.js';

/** Settings for an OpenAI-compatible /v1/embeddings endpoint (OpenAI, Azure, vLLM, Ollama, TEI...). */
export interface OpenAIEmbedderOptions {
  model: string;
  dimensions: number;
  apiKey: string;
  baseUrl?: string;
  batchSize?: number;
  timeoutMs?: number;
}

/** An embedder that calls any OpenAI-compatible embeddings endpoint through @langchain/openai. */
export function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Embedder {
  const client = new OpenAIEmbeddings({
    model: options.model,
    dimensions: options.dimensions,
    apiKey: options.apiKey,
    batchSize: options.batchSize ?? 64,
    maxRetries: 2,
    timeout: options.timeoutMs ?? 30_000,
    configuration: options.baseUrl === undefined ? {} : { baseURL: options.baseUrl },
  });
  return {
    model: `openai:${options.model}@${options.dimensions}`,
    dimensions: options.dimensions,
    async embed(texts) {
      if (texts.length === 0) return [];
      let vectors: number[][];
      try {
        vectors = await client.embedDocuments(texts);
      } catch (error) {
        throw new AppError('upstream_unavailable', `embedding endpoint failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
      const wrong = vectors.find((v) => v.length !== options.dimensions);
      if (wrong !== undefined)
        throw new AppError(
          'upstream_unavailable',
          `embedding endpoint returned ${wrong.length} dimensions; EMBEDDING_DIMENSIONS is ${options.dimensions}`,
        );
      return vectors;
    },
  };
}
