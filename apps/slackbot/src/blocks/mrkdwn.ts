/** A source a `[n]` marker can link to. */
export interface LinkTarget {
  n: number;
  title: string;
  url: string | null;
}

const FENCE = /```[^\n`]*\n?([\s\S]*?)```/g;
const INLINE_CODE = /`([^`\n]+)`/g;
// Private-use characters never typed by people: they hold protected spans while the rest converts.
const HOLD = (i: number) => `\uE000${i}\uE001`;
const HELD = /\uE000(\d+)\uE001/g;
const ANY_HELD = /\uE000\d+\uE001/;

/** Escapes the three characters Slack's mrkdwn gives meaning to. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A Slack link; the label may not hold `|` or `>`, which would end it early. */
export function mrkdwnLink(url: string, label: string): string {
  return `<${url.replace(/[<>|\s]/g, encodeURIComponent)}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

/**
 * Converts the copilot's Markdown to Slack mrkdwn: bold, italics, strike, headings, lists, links as
 * `<url|text>`, code spans and fences kept verbatim (escaped), `&<>` escaped everywhere else, and
 * each `[n]` linked to its source when the source has a URL.
 * @example toMrkdwn('**Yes** [1]', [{ n: 1, title: 'Refunds', url: 'https://x/r' }]) // '*Yes* <https://x/r|[1]>'
 */
export function toMrkdwn(markdown: string, sources: readonly LinkTarget[] = []): string {
  const held: string[] = [];
  const hold = (value: string) => {
    held.push(value);
    return HOLD(held.length - 1);
  };
  const byNumber = new Map(sources.map((s) => [s.n, s]));
  let text = markdown.replace(/[\uE000\uE001]/g, '');
  text = text.replace(FENCE, (_all, code: string) => hold(`\`\`\`${escapeMrkdwn(code.replace(/\n$/, ''))}\`\`\``));
  text = text.replace(INLINE_CODE, (_all, code: string) => hold(`\`${escapeMrkdwn(code)}\``));
  // Links first, so their labels and URLs are not read as emphasis.
  text = text.replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, (_all, label: string, url: string) =>
    hold(mrkdwnLink(url, label)),
  );
  text = text.replace(/\[(\d{1,3})\]/g, (marker, digits: string) => {
    const url = byNumber.get(Number(digits))?.url;
    return url ? hold(mrkdwnLink(url, marker)) : marker;
  });
  // "- Title (https://…)", as an abstention lists the closest articles.
  text = text.replace(
    /^([ \t]*[-*+][ \t]+)(.+?) \((https?:\/\/[^\s)]+)\)$/gm,
    (_all, bullet: string, title: string, url: string) => `${bullet}${hold(mrkdwnLink(url, title))}`,
  );
  text = escapeMrkdwn(text);
  text = text
    .replace(/^[ \t]{0,3}#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$/gm, (_all, heading: string) =>
      hold(`*${heading.replace(/\*+/g, '')}*`),
    )
    .replace(/\*\*(?=\S)([^*\n]+?)\*\*|__(?=\S)([^_\n]+?)__/g, (_all, a?: string, b?: string) => hold(`*${a ?? b}*`))
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]+?)\*(?!\w)/g, (_all, before: string, inner: string) => `${before}_${inner}_`)
    .replace(/~~(?=\S)([^~\n]+?)~~/g, '~$1~')
    .replace(/^([ \t]*)[-*+][ \t]+/gm, (_all, indent: string) => `${indent}• `);
  for (let depth = 0; depth < 3 && ANY_HELD.test(text); depth++) {
    text = text.replace(HELD, (_all, i: string) => held[Number(i)] ?? '');
  }
  return text;
}

/**
 * Splits mrkdwn into pieces of at most `limit` characters, at a paragraph break, else a line
 * break, else a space; a code fence cut in two is closed and reopened so both halves render.
 */
export function splitMrkdwn(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit - 3);
    let cut = Math.max(window.lastIndexOf('\n\n'), 0);
    if (cut < limit / 2) cut = Math.max(window.lastIndexOf('\n'), cut);
    if (cut < limit / 2) cut = Math.max(window.lastIndexOf(' '), cut);
    if (cut < limit / 2) cut = window.length;
    // Never end inside a <url|label> link.
    const open = window.lastIndexOf('<', cut);
    if (open > window.lastIndexOf('>', cut) && open > 0) cut = open;
    let piece = rest.slice(0, cut).trimEnd();
    rest = rest.slice(cut).trimStart();
    if ((piece.match(/```/g)?.length ?? 0) % 2 === 1) {
      piece += '```';
      rest = `\`\`\`${rest}`;
    }
    pieces.push(piece);
  }
  if (rest !== '') pieces.push(rest);
  return pieces;
}
