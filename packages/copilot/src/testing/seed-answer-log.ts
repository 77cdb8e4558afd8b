import type { Queryable } from '@support/db';
import { createAnswerStore } from '../answer-store.js';
import type { AnswerDoor } from '../queries/answers.js';

/** One answer to write into the log as if it had been given at `at`. */
export interface SeedAnswer {
  at: string;
  door: AnswerDoor | null;
  /** As the log holds it: already redacted. */
  question: string;
  abstained?: boolean;
  /** The latest rating; undefined: nobody rated it. */
  helpful?: boolean;
  /** Served from the cache: a copy of the newest earlier seeded answer to the same question. */
  cacheHit?: boolean;
  totalMs: number;
  costUsd?: number;
  cites?: { source: string; articleId: string; title: string }[];
}

/**
 * Writes answers (and their ratings) into the answer log with the given times, doors and figures,
 * through the answer store; only `created_at` is set afterwards (the store stamps `now()`).
 */
export async function seedAnswerLog(db: Queryable, answers: readonly SeedAnswer[]): Promise<string[]> {
  const store = createAnswerStore(db);
  const ids: string[] = [];
  for (const [i, seed] of answers.entries()) {
    const earlier = seed.cacheHit ? answers.slice(0, i).findLastIndex((a) => same(a.question, seed.question)) : -1;
    if (seed.cacheHit && earlier < 0)
      throw new Error(`seed ${i}: a cache hit needs an earlier answer to "${seed.question}"`);
    const citations = (seed.cites ?? []).map((c, n) => ({ n: n + 1, ...c, url: null, snippet: c.title }));
    const { id } = await store.save(
      {
        audience: seed.door === 'widget' ? 'customer' : 'agent',
        question: seed.question,
        answer: seed.abstained
          ? 'I could not find this in the knowledge base.'
          : `See ${citations.map((c) => `[${c.n}]`).join('')}.`,
        citations,
        grounding: { verdict: seed.abstained ? 'no_claims' : 'supported', score: 1, sentences: [], removed: 0 },
        abstained: seed.abstained ?? false,
        degraded: false,
        model: seed.costUsd ? 'fake-model' : null,
        promptVersion: 'seed',
        usage: { promptTokens: 0, completionTokens: 0, costUsd: seed.costUsd ?? 0 },
        timings: { redact: 0, retrieve: 0, generate: 0, check: 0, total: seed.totalMs, firstToken: null },
        redactions: {},
        door: seed.door,
        cachedFrom: earlier >= 0 ? (ids[earlier] ?? null) : null,
      },
      { cacheKey: null, citedArticles: [] },
    );
    await db.query('UPDATE answers SET created_at = $2::timestamptz WHERE id = $1::uuid', [id, seed.at]);
    if (seed.helpful !== undefined)
      await store.saveFeedback({ answerId: id, helpful: seed.helpful, reason: null, comment: null });
    ids.push(id);
  }
  return ids;
}

const same = (a: string, b: string) =>
  a.toLowerCase().replace(/\W+/g, ' ').trim() === b.toLowerCase().replace(/\W+/g, ' ').trim();

const REFUNDS = { source: 'help', articleId: 'refunds', title: 'Refund policy' };
const SHIPPING = { source: 'help', articleId: 'shipping', title: 'Shipping times' };

/**
 * Three days of a support team's answers ending on `lastDay` (YYYY-MM-DD, UTC), over the three
 * articles of the API's test knowledge base (help/refunds, help/shipping, help/escalation). The
 * figures a user should see are in docs/EVAL.md and the stats tests: 10 answers (API 3, widget 3,
 * Slack 4), 7 rated of which 4 helpful, 3 abstained, 2 cache hits, p50 600 ms, p95 1110 ms,
 * $0.012; gaps "What does shipping cost?" (2), "Do you ship to Mars?" (2), a <script> question,
 * and one with an email placeholder; refunds cited 5 times, shipping 2, escalation never.
 */
export function threeDaysOfAnswers(lastDay: string): SeedAnswer[] {
  const day = (offset: number, hour: number) =>
    new Date(Date.parse(`${lastDay}T00:00:00Z`) + offset * 86_400_000 + hour * 3_600_000).toISOString();
  return [
    {
      at: day(-2, 9),
      door: 'api',
      question: 'How long do refunds take?',
      helpful: true,
      totalMs: 800,
      costUsd: 0.002,
      cites: [REFUNDS],
    },
    {
      at: day(-2, 10),
      door: 'widget',
      question: 'how long do refunds take',
      cacheHit: true,
      helpful: true,
      totalMs: 20,
      cites: [REFUNDS],
    },
    { at: day(-2, 11), door: 'slack', question: 'Do you ship to Mars?', abstained: true, totalMs: 300 },
    { at: day(-1, 9), door: 'slack', question: 'Can I ship to mars', abstained: true, totalMs: 400 },
    {
      at: day(-1, 10),
      door: 'widget',
      question: 'What does shipping cost?',
      helpful: false,
      totalMs: 1200,
      costUsd: 0.003,
      cites: [SHIPPING],
    },
    {
      at: day(-1, 11),
      door: 'api',
      question: 'Refund for <EMAIL_1> please',
      helpful: false,
      totalMs: 900,
      costUsd: 0.001,
      cites: [REFUNDS],
    },
    {
      at: day(0, 9),
      door: 'slack',
      question: '<script>alert(1)</script> is shipping to Mars possible?',
      abstained: true,
      totalMs: 500,
    },
    {
      at: day(0, 10),
      door: 'api',
      question: 'How long do refunds take?',
      helpful: true,
      totalMs: 700,
      costUsd: 0.002,
      cites: [REFUNDS],
    },
    {
      at: day(0, 11),
      door: 'widget',
      question: 'What does shipping cost?',
      cacheHit: true,
      helpful: false,
      totalMs: 15,
      cites: [SHIPPING],
    },
    {
      at: day(0, 12),
      door: 'slack',
      question: 'Who approves refunds over 500 dollars?',
      helpful: true,
      totalMs: 1000,
      costUsd: 0.004,
      cites: [REFUNDS],
    },
  ];
}
