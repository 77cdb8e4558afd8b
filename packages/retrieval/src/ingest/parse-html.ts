import { type HTMLElement, parse } from 'node-html-parser';
import TurndownService from 'turndown';
import { normaliseLocale, type RawArticle } from './parse-text.js';

// Page chrome and non-text elements: they would put menus and scripts into every chunk.
const DROPPED = 'nav, script, style, header, footer, aside, noscript, form, iframe, svg, template';

/**
 * Converts an HTML page or fragment to Markdown with ATX headings, so the chunker sees sections;
 * chrome (nav, header, footer, scripts...) is dropped and <main> or <article> is preferred.
 * @example htmlToMarkdown('<h2>Refunds</h2><p>Within <b>30</b> days.</p>') // '## Refunds\n\nWithin **30** days.'
 */
export function htmlToMarkdown(html: string): string {
  return contentToMarkdown(parse(html));
}

/**
 * Reads an HTML article: title from <title> or the first <h1>, url from the canonical link or
 * og:url, locale from <html lang>, body as Markdown of the main content.
 */
export function parseHtml(html: string, externalId: string): RawArticle {
  const root = parse(html);
  // Read the title before stripping: the first <h1> often sits inside a <header>.
  const title = textOf(root.querySelector('title')) || textOf(root.querySelector('h1'));
  const url =
    absoluteUrl(root.querySelector('link[rel="canonical"]')?.getAttribute('href')) ??
    absoluteUrl(root.querySelector('meta[property="og:url"]')?.getAttribute('content'));
  const lang = root.querySelector('html')?.getAttribute('lang');
  return {
    externalId,
    title,
    body: contentToMarkdown(root),
    url: url ?? null,
    ...(lang?.trim() ? { locale: normaliseLocale(lang) } : {}),
  };
}

function contentToMarkdown(root: HTMLElement): string {
  for (const element of root.querySelectorAll(DROPPED)) element.remove();
  const content = root.querySelector('main') ?? root.querySelector('article') ?? root.querySelector('body') ?? root;
  // A new converter per call keeps this function free of shared state; building one is cheap.
  const turndown = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '_',
  });
  return turndown.turndown(content.innerHTML).trim();
}

function textOf(element: HTMLElement | null): string {
  return element?.text.replace(/\s+/g, ' ').trim() ?? '';
}

// A relative canonical link cannot be stored as the article's URL; drop it rather than fail the page.
function absoluteUrl(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? trimmed : undefined;
  } catch {
    return undefined;
  }
}
