import { feedbackRow, renderAnswerText, renderFailure, renderFinalAnswer, renderUnsure } from './answer-view.js';
import { type Answer, CallFailed, type Citation, sendFeedback, streamAnswer, type Turn } from './api.js';
import { readConfig, type WidgetConfig } from './config.js';
import { h, ICONS, icon } from './dom.js';
import { STYLES } from './styles.js';

// The API takes at most 20 turns of history; the last few are what a follow-up leans on.
const HISTORY_TURNS = 10;
const TURN_CHARS = 8000;

/**
 * `<support-copilot>`: a launcher button and a chat panel in a shadow root. Configured by its
 * `data-*` attributes (see config.ts). Public methods: `open()`, `close()`, `ask(question)`,
 * `newConversation()`.
 */
export class SupportCopilot extends HTMLElement {
  /** Where the API is when `data-api-url` is not set: the origin the script was loaded from. */
  static defaultApiUrl = '/';

  #config!: WidgetConfig;
  #launcher!: HTMLButtonElement;
  #panel!: HTMLElement;
  #log!: HTMLElement;
  #input!: HTMLTextAreaElement;
  #send!: HTMLButtonElement;
  // The conversation so far, for this page's lifetime; sent with every follow-up.
  #history: Turn[] = [];
  #inFlight: AbortController | null = null;

  connectedCallback(): void {
    if (this.shadowRoot) return;
    this.#config = readConfig(this, SupportCopilot.defaultApiUrl);
    const root = this.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
    // A constructed sheet, not a <style> element: pages with a strict style-src CSP allow it.
    root.adoptedStyleSheets = [sheet];
    if (this.#config.accent) this.style.setProperty('--sc-accent', this.#config.accent);
    this.#build(root);
  }

  #build(root: ShadowRoot): void {
    const { title, placeholder } = this.#config;
    this.#launcher = h(
      'button',
      {
        type: 'button',
        class: 'launcher',
        'aria-expanded': 'false',
        'aria-controls': 'sc-panel',
        'aria-label': `Open ${title}`,
      },
      icon(ICONS.chat),
    );
    this.#log = h('div', {
      class: 'log',
      role: 'log',
      'aria-live': 'polite',
      'aria-label': 'Conversation',
      tabindex: '-1',
    });
    this.#input = h('textarea', {
      id: 'sc-input',
      rows: '1',
      placeholder,
      'aria-label': 'Your question',
      enterkeyhint: 'send',
    });
    this.#send = h('button', { type: 'submit', class: 'send', 'aria-label': 'Send' }, icon(ICONS.send));
    const restart = h(
      'button',
      { type: 'button', class: 'icon', 'aria-label': 'New conversation', title: 'New conversation' },
      icon(ICONS.restart),
    );
    const close = h(
      'button',
      { type: 'button', class: 'icon', 'aria-label': 'Close', title: 'Close' },
      icon(ICONS.close),
    );
    const form = h('form', {}, this.#input, this.#send);
    this.#panel = h(
      'section',
      { id: 'sc-panel', class: 'panel', role: 'dialog', 'aria-labelledby': 'sc-title', hidden: true },
      h('header', {}, h('h2', { id: 'sc-title' }, title), restart, close),
      this.#log,
      form,
    );
    root.append(this.#launcher, this.#panel);
    this.#greet();

    this.#launcher.addEventListener('click', () => (this.#panel.hidden ? this.open() : this.close()));
    close.addEventListener('click', () => this.close());
    restart.addEventListener('click', () => this.newConversation());
    root.addEventListener('keydown', (event) => {
      const key = (event as KeyboardEvent).key;
      if (key === 'Escape' && !this.#panel.hidden) {
        event.preventDefault();
        this.close();
      }
    });
    this.#input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    this.#input.addEventListener('input', () => this.#fitInput());
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const question = this.#input.value.trim();
      if (question === '' || this.#inFlight) return;
      this.#input.value = '';
      this.#fitInput();
      this.ask(question);
    });
  }

  /** Opens the panel and puts the cursor in the question box. */
  open(): void {
    this.#panel.hidden = false;
    this.#launcher.setAttribute('aria-expanded', 'true');
    this.#launcher.setAttribute('aria-label', `Close ${this.#config.title}`);
    this.#launcher.replaceChildren(icon(ICONS.close));
    this.#input.focus();
  }

  /** Closes the panel and gives focus back to the launcher. */
  close(): void {
    this.#panel.hidden = true;
    this.#launcher.setAttribute('aria-expanded', 'false');
    this.#launcher.setAttribute('aria-label', `Open ${this.#config.title}`);
    this.#launcher.replaceChildren(icon(ICONS.chat));
    this.#launcher.focus();
  }

  /** Forgets the conversation (and stops an answer still streaming). */
  newConversation(): void {
    this.#inFlight?.abort();
    this.#inFlight = null;
    this.#history = [];
    this.#log.replaceChildren();
    this.#greet();
    this.#setBusy(false);
    this.#input.focus();
  }

  /** Asks a question as if the reader had typed it (ignored while an answer is still coming). */
  ask(question: string): void {
    if (this.#panel.hidden) this.open();
    if (this.#inFlight || question.trim() === '') return;
    this.#log.append(h('div', { class: 'msg user' }, h('span', { class: 'vh' }, 'You: '), question));
    const message = h('div', { class: 'msg bot' });
    this.#log.append(message);
    void this.#answer(question, message, this.#history.slice(-HISTORY_TURNS));
  }

  #greet(): void {
    this.#log.append(h('div', { class: 'msg bot' }, this.#config.greeting));
  }

  async #answer(question: string, message: HTMLElement, history: Turn[]): Promise<void> {
    const { apiKey, apiUrl, locale } = this.#config;
    if (apiKey === '') {
      message.replaceChildren(h('p', {}, 'This help widget has no API key (set data-api-key on its script tag).'));
      return;
    }
    const controller = new AbortController();
    this.#inFlight = controller;
    this.#setBusy(true);
    message.classList.remove('error');
    message.replaceChildren(
      h(
        'div',
        { class: 'typing', role: 'status' },
        h('i'),
        h('i'),
        h('i'),
        h('span', { class: 'vh' }, 'Looking through the help articles…'),
      ),
    );
    const body = h('div', { class: 'body' });
    let sources: Citation[] = [];
    let text = '';
    let frame = 0;
    const draw = () => {
      frame = 0;
      if (!body.isConnected) message.replaceChildren(body);
      renderAnswerText(body, text, sources);
      this.#scrollToEnd();
    };
    try {
      const answer: Answer = await streamAnswer(
        { apiKey, apiUrl },
        { question, history, filters: locale ? { locale } : {} },
        {
          sources: (s) => {
            sources = s;
          },
          delta: (t) => {
            text += t;
            frame ||= requestAnimationFrame(draw);
          },
          reset: () => {
            text = '';
          },
        },
        controller.signal,
      );
      cancelAnimationFrame(frame);
      if (controller.signal.aborted) return;
      if (answer.abstained) renderUnsure(message, sources);
      else {
        renderFinalAnswer(message, answer);
        message.append(feedbackRow((helpful) => sendFeedback({ apiKey, apiUrl }, answer.id, helpful)));
      }
      this.#history.push(
        { role: 'user', content: question.slice(0, TURN_CHARS) },
        { role: 'assistant', content: answer.text.slice(0, TURN_CHARS) },
      );
    } catch (error) {
      cancelAnimationFrame(frame);
      if (controller.signal.aborted) return;
      const failure =
        error instanceof CallFailed ? error.failure : ({ kind: 'server', message: String(error) } as const);
      renderFailure(message, failure, () => {
        if (!this.#inFlight) void this.#answer(question, message, history);
      });
    } finally {
      if (this.#inFlight === controller) {
        this.#inFlight = null;
        this.#setBusy(false);
      }
      this.#scrollToEnd();
    }
  }

  // While an answer streams, the log is busy: screen readers wait and read the finished answer
  // once, instead of every fragment as it arrives.
  #setBusy(busy: boolean): void {
    this.#log.setAttribute('aria-busy', String(busy));
    this.#send.disabled = busy;
  }

  #scrollToEnd(): void {
    this.#log.scrollTop = this.#log.scrollHeight;
  }

  #fitInput(): void {
    this.#input.style.height = 'auto';
    this.#input.style.height = `${Math.min(this.#input.scrollHeight + 2, 120)}px`;
  }
}
