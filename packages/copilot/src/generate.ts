import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseMessageLike } from '@langchain/core/messages';

/** What one model call produced. */
export interface Generation {
  text: string;
  promptTokens: number;
  completionTokens: number;
  firstTokenAt: number | null;
}

/** The model call failed; `streamed` says whether any text had reached the caller first. */
export class GenerationError extends Error {
  override readonly name = 'GenerationError';
  constructor(
    message: string,
    readonly streamed: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Streams one answer from the chat model, calling `onDelta` per text chunk. A failure before the
 * first token is retried once; after it, the caller has shown text already, so it is not.
 * `timeoutMs` bounds each attempt as a whole.
 */
export async function generate(
  model: BaseChatModel,
  messages: BaseMessageLike[],
  options: { timeoutMs: number; now: () => number; signal?: AbortSignal; onDelta: (text: string) => void },
): Promise<Generation> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 2; attempt++) {
    let streamed = false;
    const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];
    try {
      let text = '';
      let promptTokens = 0;
      let completionTokens = 0;
      let firstTokenAt: number | null = null;
      let finished = false;
      const stream = await model.stream(messages, { signal: AbortSignal.any(signals) });
      for await (const chunk of stream) {
        const delta = typeof chunk.content === 'string' ? chunk.content : '';
        if (delta !== '') {
          firstTokenAt ??= options.now();
          streamed = true;
          text += delta;
          options.onDelta(delta);
        }
        if (chunk.response_metadata?.finish_reason !== undefined) finished = true;
        if (chunk.usage_metadata) {
          promptTokens = chunk.usage_metadata.input_tokens;
          completionTokens = chunk.usage_metadata.output_tokens;
        }
      }
      // A connection closed cleanly mid-answer looks like a short answer; only finish_reason tells.
      if (!finished) throw new Error('the model stream ended before the answer was finished');
      if (text.trim() === '') throw new Error('the model returned no text');
      return { text, promptTokens, completionTokens, firstTokenAt };
    } catch (error) {
      lastError = error;
      if (streamed || options.signal?.aborted) throw new GenerationError(describe(error), streamed, { cause: error });
    }
  }
  throw new GenerationError(describe(lastError), false, { cause: lastError });
}

function describe(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return 'model timed out';
  return `model call failed: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * The same call as an async generator: yields each delta as it arrives and returns the finished
 * generation (or throws GenerationError), so a streaming caller can pass deltas straight on.
 */
export async function* generateStream(
  model: BaseChatModel,
  messages: BaseMessageLike[],
  options: { timeoutMs: number; now: () => number; signal?: AbortSignal },
): AsyncGenerator<string, Generation> {
  const queue: string[] = [];
  let wake: (() => void) | undefined;
  let settled: { value: Generation } | { error: unknown } | undefined;
  generate(model, messages, {
    ...options,
    onDelta: (delta) => {
      queue.push(delta);
      wake?.();
    },
  }).then(
    (value) => {
      settled = { value };
      wake?.();
    },
    (error: unknown) => {
      settled = { error };
      wake?.();
    },
  );
  for (;;) {
    const delta = queue.shift();
    if (delta !== undefined) {
      yield delta;
      continue;
    }
    if (settled !== undefined) {
      if ('error' in settled) throw settled.error;
      return settled.value;
    }
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  }
}
