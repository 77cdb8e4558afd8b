import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, splitMrkdwn, toMrkdwn } from './mrkdwn.js';

const SOURCES = [
  { n: 1, title: 'Refund policy', url: 'https://help.example.com/refunds' },
  { n: 2, title: 'Escalation playbook', url: null },
];

describe('toMrkdwn', () => {
  it('turns bold, italics, strike, headings and lists into Slack mrkdwn', () => {
    const markdown = '## Refunds\n\n**Yes**, it is *usually* fast, ~~never~~ slow.\n\n- first\n* second\n1. numbered';
    expect(toMrkdwn(markdown)).toBe(
      '*Refunds*\n\n*Yes*, it is _usually_ fast, ~never~ slow.\n\n• first\n• second\n1. numbered',
    );
  });

  it('writes links as <url|text> and links [n] to its source when it has a URL', () => {
    expect(toMrkdwn('See [the policy](https://x.example/p?a=1&b=2) [1][2].', SOURCES)).toBe(
      'See <https://x.example/p?a=1&b=2|the policy> <https://help.example.com/refunds|[1]>[2].',
    );
  });

  it('escapes &, < and > outside links, and keeps code verbatim but escaped', () => {
    expect(toMrkdwn('a < b && c > d, use `x<y> **not bold**` and\n```ts\nif (a < b) {}\n```')).toBe(
      'a &lt; b &amp;&amp; c &gt; d, use `x&lt;y&gt; **not bold**` and\n```if (a &lt; b) {}```',
    );
  });

  it('cannot be tricked into a mention or a link by the text it converts', () => {
    expect(toMrkdwn('ping <!channel> and <@U123> <https://evil.example|click>')).toBe(
      'ping &lt;!channel&gt; and &lt;@U123&gt; &lt;https://evil.example|click&gt;',
    );
  });

  it('links the closest articles an abstention lists', () => {
    expect(
      toMrkdwn("I couldn't find this. The closest articles are:\n- Refund policy (https://help.example.com/refunds)"),
    ).toBe("I couldn't find this. The closest articles are:\n• <https://help.example.com/refunds|Refund policy>");
  });

  test.prop([fc.string()])('leaves no raw < or > that it did not write as a link itself', (text) => {
    const out = toMrkdwn(text.replace(/\[|\]|`/g, ''));
    expect(out.replace(/<https?:\/\/[^|>\s]+\|[^>]*>/g, '')).not.toMatch(/[<>]/);
  });
});

describe('splitMrkdwn', () => {
  it('splits at paragraph breaks and keeps every piece within the limit', () => {
    const text = Array.from({ length: 30 }, (_, i) => `Paragraph ${i} ${'word '.repeat(40)}`).join('\n\n');
    const pieces = splitMrkdwn(text, 3000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(3000);
    expect(pieces.join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' ').trim());
  });

  it('closes a code fence it cuts and reopens it in the next piece', () => {
    const text = `\`\`\`${'line of code\n'.repeat(400)}\`\`\``;
    const pieces = splitMrkdwn(text, 3000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.startsWith('```')).toBe(true);
      expect(piece.endsWith('```')).toBe(true);
      expect(piece.length).toBeLessThanOrEqual(3000);
    }
  });

  it('does not cut a link in two', () => {
    const link = '<https://help.example.com/refunds|Refund policy>';
    const text = `${'a'.repeat(2980)} ${link} tail`;
    const [first, second] = splitMrkdwn(text, 3000);
    expect(first).not.toContain('<https');
    expect(second?.startsWith(link)).toBe(true);
  });

  test.prop([fc.string({ maxLength: 20_000 }), fc.integer({ min: 50, max: 3000 })])(
    'never returns a piece longer than the limit',
    (text, limit) => {
      for (const piece of splitMrkdwn(escapeMrkdwn(text), limit)) expect(piece.length).toBeLessThanOrEqual(limit);
    },
  );
});
