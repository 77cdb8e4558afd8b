import { spansFromRegex } from './span.js';
import type { PiiSpan, Recognizer } from './types.js';

// Well-known token shapes; each one is specific enough to need no context. The strings are what
// every match contains, so a text without them skips the pattern.
const SECRET_SHAPES: ReadonlyArray<readonly [string, readonly string[], RegExp]> = [
  ['openai-key', ['sk-'], /\bsk-(?:proj-|svcacct-|ant-)?[A-Za-z0-9_-]{20,}/g],
  ['stripe-key', ['_live_', '_test_'], /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g],
  ['slack-token', ['xox'], /\bxox[abposr]-[A-Za-z0-9-]{10,}/g],
  ['github-token', ['_'], /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})/g],
  ['aws-access-key', ['AKIA', 'ASIA'], /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g],
  ['google-api-key', ['AIza'], /\bAIza[0-9A-Za-z_-]{35}/g],
  ['jwt', ['eyJ'], /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g],
  [
    'pem-private-key',
    ['-----BEGIN'],
    /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----/g,
  ],
];

const URL = /\b[a-z][a-z0-9+.-]{1,15}:\/\/[^\s<>"'`]+/gi;
const SECRET_PARAM =
  /[?&#;](?:[a-z_]*token|[a-z_]*secret|api[-_]?key|key|apikey|password|passwd|pwd|sig|signature|auth|code|session(?:id)?|x-amz-signature)=[^&\s]{4,}/i;

/** API keys, tokens and private keys with well-known shapes. */
export const detectSecrets: Recognizer = ({ text }) => {
  const spans: PiiSpan[] = [];
  for (const [detector, anchors, pattern] of SECRET_SHAPES) {
    if (!anchors.some((a) => text.includes(a))) continue;
    spans.push(...spansFromRegex(text, pattern, 'SECRET', detector, () => 0.99));
  }
  return spans;
};

/** URLs that carry credentials (user:pass@host) or token-like query parameters. */
export const detectSecretUrls: Recognizer = ({ text }) => {
  const spans: PiiSpan[] = [];
  if (!text.includes('://')) return spans;
  for (const match of text.matchAll(URL)) {
    // Sentence punctuation right after a URL is not part of it.
    const value = match[0].replace(/[.,;:!?)\]}]+$/, '');
    if (/^[^/]+:\/\/[^/@\s]+:[^/@\s]+@/.test(value) || SECRET_PARAM.test(value)) {
      const start = match.index;
      spans.push({ type: 'URL', start, end: start + value.length, value, score: 1, detector: 'url-credentials' });
    }
  }
  return spans;
};
