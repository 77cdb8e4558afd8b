import type { Copilot } from '../src/index.js';
import { type QuestionOutcome, tokenF1 } from './answer-metrics.js';
import type { EvalQuestion } from './question-set.js';

/**
 * Asks the copilot every question, one at a time (latencies stay per question), as an agent (every
 * article visible, as the sample set's internal playbook needs), and keeps what the metrics read.
 */
export async function runAnswerSet(
  copilot: Copilot,
  questions: EvalQuestion[],
  onProgress: (done: number) => void = () => {},
): Promise<QuestionOutcome[]> {
  const outcomes: QuestionOutcome[] = [];
  for (const q of questions) {
    const answer = await copilot.answer({ question: q.text, audience: 'agent' });
    const { firstToken, ...stages } = answer.timings;
    outcomes.push({
      id: q.id,
      question: q.text,
      cited: [...new Set(answer.citations.map((c) => c.articleId))],
      judged: [...q.judged],
      abstained: answer.abstained,
      grounded: !answer.abstained && answer.grounding.verdict === 'supported',
      f1: q.reference === undefined ? undefined : answer.abstained ? 0 : tokenF1(answer.text, q.reference),
      answer: answer.text,
      stages: firstToken === null ? stages : { ...stages, firstToken },
      promptTokens: answer.usage.promptTokens,
      completionTokens: answer.usage.completionTokens,
      costUsd: answer.usage.costUsd,
    });
    onProgress(outcomes.length);
  }
  return outcomes;
}
