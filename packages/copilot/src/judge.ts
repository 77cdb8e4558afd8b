import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { GroundingReport, JudgeModel } from '@support/guardrails';
import type { AnswerUsage } from './answer-types.js';
import { costUsd, type PriceTable } from './pricing.js';

/**
 * The chat model as the grounding judge. The model is built with streaming on; reading its stream
 * (as generation does) gives the reply and its token usage the same way on every OpenAI-compatible server.
 */
export function streamedJudge(model: BaseChatModel): JudgeModel {
  return {
    async invoke(prompt) {
      let content = '';
      let usage: { input_tokens?: number; output_tokens?: number } | undefined;
      for await (const chunk of await model.stream(prompt)) {
        if (typeof chunk.content === 'string') content += chunk.content;
        if (chunk.usage_metadata !== undefined) usage = chunk.usage_metadata;
      }
      return usage === undefined ? { content } : { content, usage_metadata: usage };
    },
  };
}

/** The answer's usage with the judge's calls added: they are part of what the answer cost. */
export function addJudgeUsage(
  usage: AnswerUsage,
  report: GroundingReport,
  prices: PriceTable,
  modelName: string | null,
): AnswerUsage {
  const judge = report.judge ?? { calls: 0, promptTokens: 0, completionTokens: 0 };
  const judgeCost = costUsd(prices, modelName, judge.promptTokens, judge.completionTokens);
  return {
    promptTokens: usage.promptTokens + judge.promptTokens,
    completionTokens: usage.completionTokens + judge.completionTokens,
    costUsd: usage.costUsd + judgeCost,
    judge: { ...judge, costUsd: judgeCost },
  };
}
