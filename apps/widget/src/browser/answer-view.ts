import type { Answer, Citation, Failure } from './api.js';
import { h, ICONS, icon } from './dom.js';
import { parseMarkdown, safeHref } from './markdown.js';
import { renderBlocks } from './render-markdown.js';

// The copilot appends this sentence when its strip policy removed something; the widget shows
// its own styled note instead, so the sentence is taken off the text.
const REMOVED_SENTENCE = /\s*Part of this answer was removed because the cited sources did not support it\.\s*$/;
const UNVERIFIED_MARK = '(unverified)';

/** A numbered link to a cited article (or the bare number when it has no http(s) URL). */
export function citationBadge(citation: Citation): HTMLElement {
  const href = safeHref(citation.url);
  const label = `Source ${citation.n}: ${citation.title}`;
  return href
    ? h(
        'a',
        { class: 'cite', href, target: '_blank', rel: 'noopener noreferrer', 'aria-label': label },
        String(citation.n),
      )
    : h('span', { class: 'cite', title: citation.title }, String(citation.n));
}

/** Replaces `body` with the answer text as Markdown, its [n] markers as citation badges. */
export function renderAnswerText(body: HTMLElement, text: string, citations: Citation[]): void {
  const byNumber = new Map(citations.map((c) => [c.n, c]));
  const fragment = renderBlocks(parseMarkdown(text), (n) => {
    const citation = byNumber.get(n);
    return citation ? citationBadge(citation) : null;
  });
  body.replaceChildren(fragment);
}

function articleList(citations: Citation[], label: string): HTMLElement {
  const list = h('ul', { class: 'sources', 'aria-label': label });
  for (const citation of citations) {
    const href = safeHref(citation.url);
    list.appendChild(
      h(
        'li',
        {},
        h('span', { class: 'cite', 'aria-hidden': 'true' }, String(citation.n)),
        href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, citation.title) : citation.title,
      ),
    );
  }
  return list;
}

/** The finished answer: text, a note when sentences were removed or marked, and its sources. */
export function renderFinalAnswer(message: HTMLElement, answer: Answer): void {
  const body = h('div', { class: 'body' });
  renderAnswerText(body, answer.text.replace(REMOVED_SENTENCE, ''), answer.citations);
  const parts: HTMLElement[] = [body];
  if (answer.grounding.removed > 0) {
    parts.push(
      h(
        'p',
        { class: 'note' },
        answer.text.includes(UNVERIFIED_MARK)
          ? `Sentences marked ${UNVERIFIED_MARK} are not supported by the cited articles.`
          : 'Part of this answer was removed because the articles did not support it.',
      ),
    );
  }
  if (answer.citations.length > 0) parts.push(articleList(answer.citations, 'Sources'));
  message.replaceChildren(...parts);
}

/** The abstention: a plain "I'm not sure" and the closest articles, so the reader has somewhere to go. */
export function renderUnsure(message: HTMLElement, closest: Citation[]): void {
  message.replaceChildren(
    h('p', { class: 'unsure' }, 'I’m not sure.'),
    h('p', {}, 'I couldn’t find an answer to this in the help articles.'),
  );
  if (closest.length > 0) {
    message.append(h('p', { class: 'hint' }, 'Closest articles'), articleList(closest.slice(0, 3), 'Closest articles'));
  }
}

/** "Was this helpful?" with two buttons; `send` posts the feedback and may throw. */
export function feedbackRow(send: (helpful: boolean) => Promise<void>): HTMLElement {
  const status = h('span', {}, 'Was this helpful?');
  const choice = (helpful: boolean) =>
    h(
      'button',
      { type: 'button', class: 'pill', 'aria-pressed': 'false' },
      icon(helpful ? ICONS.up : ICONS.down),
      helpful ? 'Helpful' : 'Not helpful',
    );
  const yes = choice(true);
  const no = choice(false);
  const pick = async (helpful: boolean, button: HTMLButtonElement) => {
    yes.disabled = true;
    no.disabled = true;
    button.setAttribute('aria-pressed', 'true');
    try {
      await send(helpful);
      status.textContent = 'Thanks for the feedback.';
    } catch {
      button.setAttribute('aria-pressed', 'false');
      yes.disabled = false;
      no.disabled = false;
      status.textContent = 'Couldn’t send your feedback. Try again?';
    }
  };
  yes.addEventListener('click', () => pick(true, yes));
  no.addEventListener('click', () => pick(false, no));
  return h('div', { class: 'actions', role: 'group', 'aria-label': 'Feedback on this answer' }, status, yes, no);
}

function describe(failure: Failure): { text: string; detail?: string } {
  switch (failure.kind) {
    case 'network':
      return { text: 'Couldn’t reach the help service. Check your connection and try again.' };
    case 'server':
      return { text: 'Something went wrong on our side. Please try again.' };
    case 'rate_limited':
      return { text: 'Too many questions at once right now.' };
    case 'refused':
      if (failure.status === 401)
        return {
          text: 'This help widget is not set up correctly: its API key was not accepted.',
          detail: failure.message,
        };
      if (failure.status === 403 && failure.message.startsWith('origin '))
        return { text: 'This help widget is not enabled on this website.', detail: failure.message };
      if (failure.status === 403) return { text: 'This help widget is not set up correctly.', detail: failure.message };
      return { text: `The question could not be sent: ${failure.message}` };
  }
}

/**
 * A failed question: what went wrong in words, and for network errors, 5xx and 429 a "Try again"
 * button (after 429 it stays disabled, counting down, until Retry-After has passed).
 */
export function renderFailure(message: HTMLElement, failure: Failure, retry: () => void): void {
  const { text, detail } = describe(failure);
  message.classList.add('error');
  message.replaceChildren(h('p', {}, text));
  if (detail) message.append(h('p', { class: 'note' }, detail));
  if (failure.kind === 'refused') return;
  const button = h('button', { type: 'button', class: 'pill' }, icon(ICONS.restart), 'Try again');
  const label = h('span');
  button.addEventListener('click', retry);
  message.append(h('div', { class: 'actions' }, button, label));
  if (failure.kind !== 'rate_limited') return;
  let left = failure.retryAfterSeconds;
  button.disabled = true;
  label.textContent = `You can try again in ${left} s.`;
  const timer = setInterval(() => {
    left -= 1;
    if (!message.isConnected) clearInterval(timer);
    else if (left > 0) label.textContent = `You can try again in ${left} s.`;
    else {
      clearInterval(timer);
      button.disabled = false;
      label.textContent = '';
    }
  }, 1000);
}
