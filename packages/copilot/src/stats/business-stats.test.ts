import type { Database } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import { createHashingEmbedder, createRetrieval, toSourceItem } from '@support/retrieval';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerStore } from '../answer-store.js';
import { seedAnswerLog, threeDaysOfAnswers } from '../testing/index.js';
import { resolveStatsPeriod } from './stats-period.js';

// Three days of answers through the three doors (the seed's comment lists them), read back as an
// admin would see them for 28-30 November.
describe('business statistics over a seeded answer log', () => {
  let db: Database;
  const answers = () => createAnswerStore(db.pool);
  const period = (input: Parameters<typeof resolveStatsPeriod>[0]) =>
    resolveStatsPeriod(input, new Date('2026-12-02T08:00:00Z'));

  beforeAll(async () => {
    db = await openTestDatabase();
    const retrieval = createRetrieval({ pool: db.pool, embedder: createHashingEmbedder() });
    const summary = await retrieval.index(
      [
        { externalId: 'refunds', title: 'Refund policy', body: 'Refunds take 5 to 10 business days.' },
        { externalId: 'shipping', title: 'Shipping times', body: 'Shipping takes 3 to 5 business days.' },
        { externalId: 'escalation', title: 'Escalation playbook', body: 'Refunds over 500 dollars need a lead.' },
      ].map((a) => toSourceItem(a.externalId, a)),
      { source: 'help' },
    );
    expect(summary.failed).toEqual([]);
    await seedAnswerLog(db.pool, threeDaysOfAnswers('2026-11-30'));
    // Outside the period: must not count.
    await seedAnswerLog(db.pool, [{ at: '2026-11-27T23:59:59Z', door: 'api', question: 'Too early?', totalMs: 5 }]);
  });
  afterAll(() => db.close());

  it('counts answers per door, the rates, latency percentiles and cost over the period', async () => {
    const stats = await answers().businessStats(period({ from: '2026-11-28', to: '2026-11-30' }));
    expect(stats).toMatchObject({ from: '2026-11-28T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', bucket: 'day' });
    const t = stats.totals;
    expect(t).toMatchObject({
      answers: 10,
      byDoor: { api: 3, widget: 3, slack: 4, unknown: 0 },
      rated: 7,
      helpful: 4,
      abstained: 3,
      abstentionRate: 0.3,
      cacheHits: 2,
      cacheHitRate: 0.2,
      latencyMs: { p50: 600 },
    });
    expect(t.helpfulRate).toBeCloseTo(4 / 7);
    expect(t.latencyMs.p95).toBeCloseTo(1110);
    expect(t.costUsd).toBeCloseTo(0.012);
    expect(t.costPerAnswerUsd).toBeCloseTo(0.0012);
    expect(t.costPerDayUsd).toBeCloseTo(0.004);
  });

  it('gives one point per day, empty days included, and per ISO week', async () => {
    const daily = await answers().businessStats(period({ from: '2026-11-27', to: '2026-12-01' }));
    expect(daily.series.map((d) => [d.start, d.answers, d.byDoor.slack])).toEqual([
      ['2026-11-27', 1, 0],
      ['2026-11-28', 3, 1],
      ['2026-11-29', 3, 1],
      ['2026-11-30', 4, 2],
      ['2026-12-01', 0, 0],
    ]);
    expect(daily.series[4]).toMatchObject({ helpfulRate: null, abstentionRate: null, latencyMs: { p50: null } });
    expect(daily.series[1]).toMatchObject({ abstained: 1, cacheHits: 1, rated: 2, helpful: 2 });

    const weekly = await answers().businessStats(period({ from: '2026-11-28', to: '2026-11-30', bucket: 'week' }));
    // 28 and 29 November 2026 are a Saturday and a Sunday; the 30th starts a week.
    expect(weekly.series.map((w) => [w.start, w.answers])).toEqual([
      ['2026-11-23', 6],
      ['2026-11-30', 4],
    ]);
  });

  it('lists the unanswered questions, similar ones as one gap, and the cited and never-cited articles', async () => {
    const stats = await answers().businessStats(period({ from: '2026-11-28', to: '2026-11-30' }));
    expect(stats.contentGaps.map((g) => [g.question, g.asked, g.abstained, g.notHelpful])).toEqual([
      ['What does shipping cost?', 2, 0, 2],
      ['Can I ship to mars', 2, 2, 0],
      ['<script>alert(1)</script> is shipping to Mars possible?', 1, 1, 0],
      ['Refund for <EMAIL_1> please', 1, 0, 1],
    ]);
    expect(stats.contentGaps[1]?.variants).toEqual(['Do you ship to Mars?']);
    expect(stats.mostCited).toEqual([
      { source: 'help', articleId: 'refunds', title: 'Refund policy', citations: 5 },
      { source: 'help', articleId: 'shipping', title: 'Shipping times', citations: 2 },
    ]);
    expect(stats.neverCited).toEqual({
      count: 1,
      articles: [{ source: 'help', articleId: 'escalation', title: 'Escalation playbook' }],
    });
  });

  it('refuses a period that is backwards, too long, or not a date, naming the field', () => {
    expect(() => period({ from: '2026-12-01', to: '2026-11-01' })).toThrow(/^from: must be before to/);
    expect(() => period({ from: '2024-01-01', to: '2026-01-01' })).toThrow(/^to: the period may be at most 366 days/);
    expect(() => period({ from: '2026-02-30' })).toThrow(/^from: "2026-02-30" is not a date/);
    expect(() => period({ to: 'yesterday' })).toThrow(/^to: "yesterday" is not a date/);
    expect(period({})).toMatchObject({ from: new Date('2026-11-02T08:00:00Z'), bucket: 'day' });
  });
});
