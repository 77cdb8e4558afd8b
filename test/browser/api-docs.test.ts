import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnswerHarness, createAnswerHarness } from '../e2e/answer-harness.js';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/fake-openai.js';
import { artifactPath, launchChromium } from './launch-chromium.js';

// An admin opens /docs where no CDN is reachable: every request to another host is aborted,
// and the reference must still list the API's operations.
describe('GET /docs in a browser with no network beyond the API', () => {
  let fake: FakeOpenAI;
  let harness: AnswerHarness;
  let server: ReturnType<typeof serve>;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    harness = await createAnswerHarness(fake);
    server = serve({ fetch: harness.app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
    await harness.close();
    await fake.close();
  });

  it('renders every documented operation from the API alone, within its Content-Security-Policy', async () => {
    const page = await browser.newPage();
    const elsewhere: string[] = [];
    await page.route('**/*', (route) => {
      if (new URL(route.request().url()).origin === baseUrl) return route.continue();
      elsewhere.push(route.request().url());
      return route.abort();
    });
    const refused: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) refused.push(message.text());
    });

    const response = await page.goto(`${baseUrl}/docs`);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    await page.locator('.opblock').first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: await artifactPath('api-docs.png'), fullPage: true });

    const doc = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as { paths: Record<string, object> };
    const operations = Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
    expect(await page.locator('.opblock').count()).toBe(operations);
    const paths = await page.locator('.opblock-summary-path').allInnerTexts();
    expect(paths.map((p) => p.replace(/\u200b/g, ''))).toContain('/v1/answer');
    expect(elsewhere).toEqual([]);
    expect(refused).toEqual([]);
  });
});
