// A small Markdown reader for answers: it produces a tree of plain data, never HTML, so nothing an
// answer or an article says can become markup. render-markdown.ts turns the tree into DOM nodes.

/** Inline content: text, code, emphasis, links (http and https only) and citation markers. */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong' | 'em'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] }
  | { kind: 'cite'; numbers: number[] }
  | { kind: 'break' };

/** A block of an answer. */
export type Block =
  | { kind: 'paragraph' | 'heading' | 'quote'; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'code'; text: string };

/** An absolute http(s) URL as a string, or null for anything else (javascript:, data:, relative...). */
export function safeHref(href: string | null | undefined): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

// One alternative per inline form, tried left to right: `code`, **strong**, *em*, [text](url) (one
// level of parentheses inside the url),
// [1] or [1, 2] citations, bare http(s) URLs (without trailing punctuation).
const INLINE =
  /`([^`\n]+)`|\*\*(.+?)\*\*|\*([^*\s](?:[^*\n]*?[^*\s])?)\*|\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)|\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]|(https?:\/\/[^\s<>()[\]]*[^\s<>()[\].,;:!?'"])/g;

/** Reads the inline Markdown of one block; `allowLinks` is false inside a link's own text. */
export function parseInline(text: string, allowLinks = true): Inline[] {
  const out: Inline[] = [];
  const pushText = (t: string) => {
    const lines = t.split('\n');
    lines.forEach((line, i) => {
      if (i > 0) out.push({ kind: 'break' });
      if (line !== '') out.push({ kind: 'text', text: line });
    });
  };
  const re = new RegExp(INLINE.source, 'g');
  let cursor = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const [whole, code, strong, em, linkText, linkHref, cite, bare] = m;
    let node: Inline | null = null;
    if (code !== undefined) node = { kind: 'code', text: code };
    else if (strong !== undefined) node = { kind: 'strong', children: parseInline(strong, allowLinks) };
    else if (em !== undefined) node = { kind: 'em', children: parseInline(em, allowLinks) };
    else if (linkText !== undefined) {
      const href = allowLinks ? safeHref(linkHref) : null;
      // A link whose target is not http(s) keeps only its text: the reader sees it, nothing runs.
      node = href ? { kind: 'link', href, children: parseInline(linkText, false) } : null;
      if (!node) {
        pushText(text.slice(cursor, m.index));
        out.push(...parseInline(linkText, false));
        cursor = m.index + whole.length;
        continue;
      }
    } else if (cite !== undefined) node = { kind: 'cite', numbers: cite.split(',').map((n) => Number(n.trim())) };
    else if (bare !== undefined && allowLinks) {
      const href = safeHref(bare);
      if (href) node = { kind: 'link', href, children: [{ kind: 'text', text: bare }] };
    }
    if (node === null) continue;
    pushText(text.slice(cursor, m.index));
    out.push(node);
    cursor = m.index + whole.length;
  }
  pushText(text.slice(cursor));
  return out;
}

const HEADING = /^#{1,6}\s+(.*)$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;
const QUOTE = /^>\s?(.*)$/;
const FENCE = /^\s*```/;

/** Reads an answer's Markdown into blocks: paragraphs, headings, lists, quotes and code. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', inlines: parseInline(paragraph.join('\n')) });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (FENCE.test(line)) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !FENCE.test(lines[i] ?? ''); i++) code.push(lines[i] ?? '');
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: 'heading', inlines: parseInline(heading[1] ?? '') });
      continue;
    }
    const quote = QUOTE.exec(line);
    if (quote) {
      flush();
      blocks.push({ kind: 'quote', inlines: parseInline(quote[1] ?? '') });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      flush();
      const ordered = numbered !== null;
      const last = blocks[blocks.length - 1];
      const entry = parseInline(item[1] ?? '');
      if (last?.kind === 'list' && last.ordered === ordered) last.items.push(entry);
      else blocks.push({ kind: 'list', ordered, items: [entry] });
      continue;
    }
    paragraph.push(line);
  }
  flush();
  return blocks;
}
