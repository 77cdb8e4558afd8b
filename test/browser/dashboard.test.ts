import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '@support/api';
import { createAdminSessionStore, createApiKeyStore } from '@support/api-keys';
import { createAnswerStore, createCopilot } from '@support/copilot';
import { seedAnswerLog, threeDaysOfAnswers } from '@support/copilot/testing';
import type { Database } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import {
  createHashingEmbedder,
  createJobQueue,
  createRetrieval,
  type JobQueue,
  toSourceItem,
} from '@support/retrieval';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, launchChromium } from './launch-chromium.js';

declare const window: { __xss?: string };

const ARTICLES = [
  { externalId: 'refunds', title: 'Refund policy', body: 'Refunds reach your card within 5 to 10 business days.' },
  { externalId: 'shipping', title: 'Shipping times', body: 'Standard shipping takes 3 to 5 business days.' },
  { externalId: 'escalation', title: 'Refund escalation playbook', body: 'Refunds over 500 dollars need a lead.' },
];

// An admin signs in to /admin in headless Chromium, reads the figures of a seeded answer log,
// re-indexes a folder and watches it finish, then signs out; nothing is fetched from elsewhere.
describe('the admin dashboard in a browser', () => {
  let db: Database;
  let jobs: JobQueue;
  let server: ReturnType<typeof serve>;
  let url: string;
  let browser: Browser;
  let adminKey: string;
  let folder: string;

  beforeAll(async () => {
    db = await openTestDatabase();
    folder = await mkdtemp(join(tmpdir(), 'dashboard-kb-'));
    for (const name of ['returns', 'warranty', 'contact'])
      await writeFile(
        join(folder, `${name}.md`),
        `# ${name}\n\nAll about ${name}: what to do and how long it takes.\n`,
      );
    const retrieval = createRetrieval({ pool: db.pool, embedder: createHashingEmbedder() });
    await retrieval.index(
      ARTICLES.map((a) => toSourceItem(a.externalId, a)),
      { source: 'help' },
    );
    // Ending yesterday: every seeded answer lies in the dashboard's default period (the last 30 days).
    await seedAnswerLog(db.pool, threeDaysOfAnswers(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)));
    const keys = createApiKeyStore(db.pool);
    adminKey = (await keys.create({ name: 'admin', scopes: ['admin'], audience: 'agent' })).key;
    // Not started: the test runs the job when the page is already following it.
    jobs = createJobQueue({ pool: db.pool, retrieval, allowedDirs: [folder] });
    const answers = createAnswerStore(db.pool);
    const app = createApp({
      retrieval,
      copilot: createCopilot({ retrieval, answers, chatModel: null }),
      keys,
      jobs,
      answers,
      adminSessions: createAdminSessionStore(db.pool, keys),
      logger: pino({ level: 'silent' }),
    });
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await db?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('signs in, shows the seeded figures, follows a re-index, and signs out for good', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const elsewhere: string[] = [];
    await page.route('**/*', (route) => {
      if (new URL(route.request().url()).origin === url) return route.continue();
      elsewhere.push(route.request().url());
      return route.abort();
    });
    const problems: string[] = [];
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });

    // Not signed in: the dashboard sends the browser to the form; the key goes in the body, not the URL.
    await page.goto(`${url}/admin`);
    expect(new URL(page.url()).pathname).toBe('/admin/sign-in');
    await page.locator('#key').fill(adminKey);
    await page.locator('button[type=submit]').click();
    await page.locator('#gaps').waitFor();
    expect(page.url()).toBe(`${url}/admin`);
    expect(page.url()).not.toContain(adminKey);
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'copilot_admin', httpOnly: true, sameSite: 'Strict', path: '/admin' });

    // The figures of the seeded log: 10 answers, the doors in the chart, the gaps grouped.
    expect(await page.locator('[data-metric=answers] .value').textContent()).toBe('10');
    expect(await page.locator('[data-metric=helpful] .value').textContent()).toBe('57.1%');
    expect(await page.locator('[data-metric=latency] .value').textContent()).toBe('600 ms / 1.11 s');
    expect(await page.locator('svg.chart').count()).toBe(5);
    const bars = await page.locator('svg.chart rect.bar title').allTextContents();
    expect(bars.filter((b) => b.includes('Slack')).length).toBe(3);
    const gaps = await page.locator('table.gaps td.question').allTextContents();
    expect(gaps[0]).toContain('What does shipping cost?');
    expect(gaps.some((g) => g.includes('<script>alert(1)</script> is shipping to Mars possible?'))).toBe(true);
    expect(await page.locator('#never-cited').textContent()).toContain('Refund escalation playbook');
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();

    // A re-index from the form: queued, then followed live while it runs.
    await page.locator('form.reindex input[name=source]').fill('docs');
    await page.locator('form.reindex input[name=folder]').fill(folder);
    await page.locator('form.reindex button').click();
    const row = page.locator('tr[data-job-id]').first();
    await row.waitFor();
    expect(await row.locator('.state').textContent()).toBe('queued');
    await jobs.runNext();
    await page.locator('tr[data-job-id][data-state=succeeded]').waitFor();
    expect(await row.locator('.progress').textContent()).toContain('added 3');
    const shot = await artifactPath('dashboard.png');
    await page.screenshot({ path: shot, fullPage: true });
    process.stdout.write(`dashboard screenshot: ${shot}\n`);

    // Signing out ends the session on the server: the old cookie, put back, opens nothing.
    await page.locator('header button').click();
    await page.locator('#key').waitFor();
    expect(await context.cookies()).toEqual([]);
    await context.addCookies([cookie as NonNullable<typeof cookie>]);
    await page.goto(`${url}/admin`);
    expect(new URL(page.url()).pathname).toBe('/admin/sign-in');

    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
