import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceNumber } from '../e2e/answer-harness.js';
import { type ChatStep, type FakeOpenAI, startFakeOpenAI } from '../fakes/fake-openai.js';
import { artifactPath, launchChromium } from './launch-chromium.js';
import { startOtherSite, startWidgetServer, type WidgetServer } from './widget-server.js';

const REFUND = 'How long does a refund take to reach my card?';
const SLOW = 60_000;

// The page's globals, as far as the callbacks run in the browser use them (this tsconfig has no DOM library).
interface PageElement {
  tagName: string;
  className: string;
  textContent: string | null;
  shadowRoot: { activeElement: PageElement | null; querySelector(selector: string): PageElement | null } | null;
  querySelector(selector: string): PageElement | null;
}
declare const document: { activeElement: PageElement | null; querySelector(selector: string): PageElement | null };
declare const window: { __xss?: string };

// The widget in headless Chromium, on the API's demo page, against the real API and database.
describe('<support-copilot> in a browser', () => {
  let fake: FakeOpenAI;
  let server: WidgetServer;
  let browser: Browser;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    server = await startWidgetServer(fake);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fake?.close();
  });

  async function openPage(options: { width?: number; dark?: boolean; url?: string } = {}): Promise<Page> {
    const page = await browser.newPage({
      viewport: { width: options.width ?? 1280, height: 800 },
      colorScheme: options.dark ? 'dark' : 'light',
    });
    page.setDefaultTimeout(SLOW);
    await page.goto(options.url ?? `${server.url}/`);
    await page.locator('support-copilot .launcher').waitFor();
    return page;
  }

  const refundReply = (chunks = 8): ChatStep => ({
    kind: 'reply',
    chunks,
    chunkDelayMs: 120,
    text: ({ prompt }) => {
      const n = sourceNumber(prompt, 'Refund policy');
      return `Once we approve it, the money reaches your account in **5-10 business days**, depending on your bank [${n}]. PayPal refunds usually arrive within 2 business days [${n}].`;
    },
  });
  const lastChatRequest = () =>
    JSON.stringify(fake.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)?.body ?? {});

  it(
    'streams a cited answer into the panel and stores the reader’s feedback',
    async () => {
      fake.script(refundReply());
      const page = await openPage();
      await page.locator('support-copilot .launcher').click();
      await page.locator('support-copilot textarea').fill(REFUND);
      await page.keyboard.press('Enter');
      // Part of the text is on screen before the answer is finished (no sources list yet).
      await page.waitForFunction(() => {
        const root = document.querySelector('support-copilot')?.shadowRoot;
        const body = root?.querySelector('.msg.bot:last-child .body');
        return (body?.textContent ?? '').length > 0 && root?.querySelector('.sources') === null;
      });
      const answer = page.locator('support-copilot .msg.bot').last();
      await answer.locator('.sources').waitFor();
      expect(await answer.locator('.body').textContent()).toContain('5-10 business days');
      expect(await answer.locator('.body strong').textContent()).toBe('5-10 business days');
      const citations = answer.locator('.body a.cite');
      expect(await citations.count()).toBe(2);
      expect(await citations.first().textContent()).toBe('1');
      expect(await citations.first().getAttribute('href')).toBe(
        'https://help.northwind.example/articles/refund-policy',
      );
      expect(await citations.first().getAttribute('aria-label')).toBe('Source 1: Refund policy');
      expect(await answer.locator('.sources a').allTextContents()).toEqual(['Refund policy']);
      await page.screenshot({ path: await artifactPath('widget-answer-desktop.png') });

      await answer.getByRole('button', { name: 'Helpful', exact: true }).click();
      await answer.getByText('Thanks for the feedback.').waitFor();
      const { rows } = await server.db.pool.query<{ helpful: boolean; question: string }>(
        'SELECT f.helpful, a.question FROM feedback f JOIN answers a ON a.id = f.answer_id',
      );
      expect(rows).toEqual([{ helpful: true, question: REFUND }]);
      await page.close();
    },
    SLOW * 2,
  );

  it(
    'shows markup from an answer and from an article title as text, and never follows a javascript: link',
    async () => {
      fake.script({
        kind: 'reply',
        text: ({ prompt }) => {
          const n = /<source n="(\d+)" title="Gadget warranty/.exec(prompt)?.[1];
          // Quoted from the article, so the grounding check keeps every sentence, markup and all.
          return `The gadget warranty lasts 24 months from delivery <script>window.__xss = "answer script"</script> [${n}]. Claims need the order number <img src=x onerror="window.__xss = 'answer img'"> [${n}]. Read the [warranty terms](javascript:window.__xss='answer link') before you claim [${n}].`;
        },
      });
      const page = await openPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.locator('support-copilot .launcher').click();
      await page.locator('support-copilot textarea').fill('How long does the gadget warranty last?');
      await page.keyboard.press('Enter');
      const answer = page.locator('support-copilot .msg.bot').last();
      await answer.locator('.sources').waitFor();
      const body = await answer.locator('.body').textContent();
      expect(body).toContain('<img src=x onerror=');
      expect(body).toContain('<script>');
      expect(body).toContain('warranty terms');
      expect(await answer.locator('.sources li').textContent()).toContain('Gadget warranty <script>');
      expect(await answer.locator('img, script, [onerror]').count()).toBe(0);
      const hrefs = await answer.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      expect(hrefs.length).toBeGreaterThan(0);
      for (const href of hrefs) expect(href).toMatch(/^https:\/\//);
      await page.screenshot({ path: await artifactPath('widget-markup-as-text.png') });
      await answer.getByText('warranty terms').click();
      expect(await page.evaluate(() => window.__xss)).toBeUndefined();
      expect(dialogs).toEqual([]);
      await page.close();
    },
    SLOW * 2,
  );

  it(
    'works from the keyboard alone: open, ask, reach the citations, Esc closes and focus returns',
    async () => {
      fake.script(refundReply(2));
      const page = await openPage({ width: 320, dark: true });
      const focused = () =>
        page.evaluate(() => {
          const host = document.activeElement;
          const inner = host?.shadowRoot?.activeElement;
          return inner ? `${inner.tagName.toLowerCase()}.${inner.className}` : (host?.tagName.toLowerCase() ?? '');
        });
      for (let i = 0; i < 12 && (await focused()) !== 'button.launcher'; i++) await page.keyboard.press('Tab');
      expect(await focused()).toBe('button.launcher');
      await page.keyboard.press('Enter');
      expect(await page.locator('support-copilot [role=dialog]').isVisible()).toBe(true);
      expect(await focused()).toBe('textarea.');
      await page.keyboard.type(REFUND);
      await page.keyboard.press('Enter');
      await page.locator('support-copilot .sources').waitFor();
      // Back from the question box: feedback buttons, the sources list, then the inline citations.
      const seen: string[] = [];
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Shift+Tab');
        seen.push(await focused());
      }
      expect(seen).toContain('a.cite');
      expect(seen).toContain('button.pill');
      await page.screenshot({ path: await artifactPath('widget-answer-320px-dark.png') });
      await page.keyboard.press('Escape');
      expect(await page.locator('support-copilot [role=dialog]').isVisible()).toBe(false);
      expect(await focused()).toBe('button.launcher');
      expect(await page.locator('support-copilot .launcher').getAttribute('aria-expanded')).toBe('false');
      await page.close();
    },
    SLOW * 2,
  );

  it(
    'sends the conversation with a follow-up, forgets it on "New conversation", says when it is not sure and when a sentence was removed',
    async () => {
      const page = await openPage();
      fake.script({
        kind: 'reply',
        text: ({ prompt }) => {
          const n = sourceNumber(prompt, 'Refund policy');
          return `The money reaches your account in 5-10 business days [${n}]. Refunds over $75 are always paid within 3 hours [${n}].`;
        },
      });
      await page.locator('support-copilot .launcher').click();
      const input = page.locator('support-copilot textarea');
      await input.fill(REFUND);
      await input.press('Enter');
      const first = page.locator('support-copilot .msg.bot').last();
      await first.locator('.sources').waitFor();
      expect(await first.locator('.note').textContent()).toContain('removed');
      expect(await first.locator('.body').textContent()).not.toContain('3 hours');

      fake.script({ kind: 'reply', text: 'Our office cat is called Biscuit and likes tuna [1].' });
      await input.fill('And what about the cat?');
      await input.press('Enter');
      const second = page.locator('support-copilot .msg.bot').last();
      await second.getByText('I’m not sure.').waitFor();
      expect(lastChatRequest()).toContain(REFUND);
      await page.screenshot({ path: await artifactPath('widget-removed-and-unsure.png') });
      const closest = second.locator('.sources a');
      expect(await closest.count()).toBeGreaterThan(0);
      for (const href of await closest.evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
        expect(href).toMatch(/^https:\/\//);

      await page.getByRole('button', { name: 'New conversation' }).click();
      expect(await page.locator('support-copilot .msg').count()).toBe(1);
      fake.script(refundReply(2));
      await input.fill('How long until a refund reaches the bank?');
      await input.press('Enter');
      await page.locator('support-copilot .msg.bot').last().locator('.body').waitFor();
      await page.locator('support-copilot [aria-busy=false]').waitFor();
      expect(lastChatRequest()).not.toContain(REFUND);
      await page.close();
    },
    SLOW * 2,
  );

  it(
    'sends data-locale as the search filter (no German articles here, so it is not sure)',
    async () => {
      const page = await openPage();
      // A page that sets the widget up itself, with a locale, instead of through the script tag.
      await page.evaluate((key) => {
        const doc = document as unknown as {
          querySelector(s: string): { remove(): void } | null;
          createElement(tag: string): { setAttribute(n: string, v: string): void };
          body: { append(node: unknown): void };
        };
        doc.querySelector('support-copilot')?.remove();
        const widget = doc.createElement('support-copilot');
        widget.setAttribute('data-api-key', key);
        widget.setAttribute('data-locale', 'de');
        doc.body.append(widget);
      }, server.customerKey);
      const sent = page.waitForRequest('**/v1/answer');
      await page.locator('support-copilot .launcher').click();
      await page.locator('support-copilot textarea').fill(REFUND);
      await page.keyboard.press('Enter');
      expect(JSON.parse((await sent).postData() ?? '{}')).toMatchObject({
        question: REFUND,
        filters: { locale: 'de' },
      });
      await page.locator('support-copilot .msg.bot').last().getByText('I’m not sure.').waitFor();
      await page.close();
    },
    SLOW * 2,
  );

  it(
    'offers a retry after a 429 (waiting out Retry-After) and after a 5xx',
    async () => {
      const page = await openPage();
      let calls = 0;
      // The browser's view of a busy API: a 429, then a 503, then the real thing.
      await page.route('**/v1/answer', (route) => {
        calls += 1;
        if (calls === 1)
          return route.fulfill({
            status: 429,
            headers: {
              'retry-after': '2',
              'access-control-allow-origin': '*',
              'access-control-expose-headers': 'Retry-After',
            },
            body: '{"error":{"code":"rate_limited","message":"rate limit exceeded"}}',
          });
        if (calls === 2) return route.fulfill({ status: 503, body: 'upstream unavailable' });
        return route.fallback();
      });
      fake.script(refundReply(2));
      await page.locator('support-copilot .launcher').click();
      await page.locator('support-copilot textarea').fill(REFUND);
      await page.keyboard.press('Enter');
      const message = page.locator('support-copilot .msg.bot').last();
      await message.getByText('Too many questions at once right now.').waitFor();
      const retry = message.getByRole('button', { name: 'Try again' });
      expect(await retry.isDisabled()).toBe(true);
      expect(await message.textContent()).toMatch(/try again in \d s/);
      await retry.click(); // waits until Retry-After has passed and the button is enabled
      await message.getByText('Something went wrong on our side. Please try again.').waitFor();
      await message.getByRole('button', { name: 'Try again' }).click();
      await message.locator('.sources').waitFor();
      expect(calls).toBe(3);
      await page.close();
    },
    SLOW * 2,
  );

  it(
    'refuses a page on another origin that the key does not list, with a readable message',
    async () => {
      const other = await startOtherSite(`${server.url}/widget.js`, server.customerKey);
      try {
        const page = await openPage({ url: other.url });
        await page.locator('support-copilot .launcher').click();
        await page.locator('support-copilot textarea').fill(REFUND);
        await page.keyboard.press('Enter');
        const message = page.locator('support-copilot .msg.bot').last();
        await message.getByText('This help widget is not enabled on this website.').waitFor();
        expect(await message.textContent()).toContain(
          `origin ${new URL(other.url).origin} is not allowed for this key`,
        );
        expect(await message.getByRole('button', { name: 'Try again' }).count()).toBe(0);
        await page.close();
      } finally {
        await other.close();
      }
    },
    SLOW * 2,
  );
});
