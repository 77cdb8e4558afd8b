import { seedAnswerLog, threeDaysOfAnswers } from '@support/copilot/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, getWithKey, postJson, type TestApp } from './test-app.js';

type Stats = {
  answers: number;
  sources: { source: string; articles: number; lastUpdatedAt: string | null }[];
  period: {
    from: string;
    to: string;
    totals: Record<string, unknown> & { byDoor: Record<string, number> };
    series: { start: string; answers: number }[];
    contentGaps: { question: string; asked: number }[];
    mostCited: { articleId: string; citations: number }[];
    neverCited: { count: number; articles: { articleId: string }[] };
  };
};

// GET /v1/stats with a period, over three seeded days of answers and answers asked through the API itself.
describe('GET /v1/stats business metrics', () => {
  let t: TestApp;
  const stats = async (query: string) => {
    const res = await getWithKey(t.app, `/v1/stats${query}`, t.keys.agent);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Stats;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedAnswerLog(t.db.pool, threeDaysOfAnswers('2026-11-30'));
  });
  afterAll(() => t.close());

  it('reports the period a user asks for, with the figures of the seeded log', async () => {
    const s = await stats('?from=2026-11-28&to=2026-11-30');
    expect(s.period.from).toBe('2026-11-28T00:00:00.000Z');
    expect(s.period.to).toBe('2026-12-01T00:00:00.000Z');
    expect(s.period.totals).toMatchObject({
      answers: 10,
      byDoor: { api: 3, widget: 3, slack: 4, unknown: 0 },
      abstentionRate: 0.3,
      cacheHitRate: 0.2,
      latencyMs: { p50: 600 },
    });
    expect(s.period.series.map((d) => [d.start, d.answers])).toEqual([
      ['2026-11-28', 3],
      ['2026-11-29', 3],
      ['2026-11-30', 4],
    ]);
    expect(s.period.contentGaps[0]).toMatchObject({ question: 'What does shipping cost?', asked: 2 });
    expect(s.period.mostCited[0]).toMatchObject({ articleId: 'refunds', citations: 5 });
    expect(s.period.neverCited.articles.map((a) => a.articleId)).toEqual(['escalation']);
    // The fields older clients read are still there.
    expect(s.answers).toBe(10);
    expect(s.sources[0]).toMatchObject({ source: 'help', articles: 3 });
    expect(s.sources[0]?.lastUpdatedAt).toMatch(/^\d{4}-/);
  });

  it('records the door of answers asked through the API and through the widget', async () => {
    const question = { question: 'How long do refunds take to reach my card?' };
    expect((await postJson(t.app, '/v1/answer', question, t.keys.agent)).status).toBe(200);
    const widget = { 'content-type': 'application/json', 'x-copilot-client': 'widget' };
    expect((await postJson(t.app, '/v1/answer', question, t.keys.customer, widget)).status).toBe(200);
    const s = await stats(`?from=${new Date(Date.now() - 3_600_000).toISOString()}`);
    expect(s.period.totals.byDoor).toEqual({ api: 1, widget: 1, slack: 0, unknown: 0 });
  });

  it('refuses a bad period with a 400 that names the field', async () => {
    for (const [query, message] of [
      ['?from=2026-12-01&to=2026-11-01', 'from: must be before to'],
      ['?from=last-week', 'from: must be a date'],
      ['?bucket=month', 'bucket:'],
      ['?from=2026-02-30', 'from: "2026-02-30" is not a date'],
      ['?from=2020-01-01&to=2026-01-01', 'to: the period may be at most 366 days'],
    ]) {
      const res = await getWithKey(t.app, `/v1/stats${query}`, t.keys.agent);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message, query).toContain(message);
    }
  });
});
