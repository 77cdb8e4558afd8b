// A tiny deterministic generator (mulberry32) so every run measures the same text.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLAIN = [
  'I was charged twice for my subscription this month and would like a refund.',
  'The export button does nothing when I click it in the reports page.',
  'Our team cannot log in since the update, the page just keeps loading.',
  'Could you tell me how to change the billing address on the account?',
  'The invoice for order 48213 shows the wrong tax amount of 19.99 USD.',
  'After resetting my password the two-factor prompt never arrives.',
  'We upgraded to the annual plan yesterday but the seats still show 5.',
  'The mobile app crashes on startup on Android 14 after version 3.2.1.',
];
const PII = [
  'You can reach me at jordan.lee@example.com or +1 415 555 0132.',
  'My card ending 4111 1111 1111 1111 was declined at checkout.',
  'Please wire it to DE89 3704 0044 0532 0130 00 instead.',
  'My name is Maria Gonzalez and I live at 42 Baker Street, Springfield.',
  'The server at 192.168.10.24 rejected the key sk-abcdefghijklmnopqrstuvwx.',
];

/** About `bytes` of support-ticket prose with roughly one PII item per five sentences. */
export function supportText(bytes: number, seed = 1): string {
  const next = random(seed);
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const pool = next() < 0.2 ? PII : PLAIN;
    const sentence = pool[Math.floor(next() * pool.length)] ?? '';
    parts.push(sentence);
    size += sentence.length + 1;
  }
  return parts.join(next() < 0.5 ? ' ' : '\n');
}

const VOCAB =
  'refund account billing invoice plan seat export report password login update payment card tax order team admin settings email notification browser mobile app version release support ticket customer days hours business weekly monthly annual trial upgrade downgrade cancel renew'.split(
    ' ',
  );

/** A source of about `words` words with a few numbers, deterministic for a seed. */
export function sourceText(words: number, seed: number): string {
  const next = random(seed);
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const w = next() < 0.05 ? String(Math.floor(next() * 100)) : (VOCAB[Math.floor(next() * VOCAB.length)] ?? 'plan');
    out.push(i % 15 === 14 ? `${w}.` : w);
  }
  return out.join(' ');
}
