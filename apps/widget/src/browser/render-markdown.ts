import { append, h } from './dom.js';
import type { Block, Inline } from './markdown.js';

/** How a citation number becomes a node: a link to the article, or null for an unknown number. */
export type CitationRenderer = (n: number) => Node | null;

/** Builds DOM nodes for parsed Markdown. Text goes in as text nodes; hrefs were checked by the parser. */
export function renderBlocks(blocks: Block[], cite: CitationRenderer): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const block of blocks) {
    if (block.kind === 'code') fragment.appendChild(h('pre', {}, h('code', {}, block.text)));
    else if (block.kind === 'list') {
      const list = h(block.ordered ? 'ol' : 'ul');
      for (const item of block.items) list.appendChild(renderInlines(h('li'), item, cite));
      fragment.appendChild(list);
    } else if (block.kind === 'heading')
      fragment.appendChild(renderInlines(h('p', { class: 'heading' }), block.inlines, cite));
    else if (block.kind === 'quote') fragment.appendChild(renderInlines(h('blockquote'), block.inlines, cite));
    else fragment.appendChild(renderInlines(h('p'), block.inlines, cite));
  }
  return fragment;
}

function renderInlines<T extends HTMLElement>(parent: T, inlines: Inline[], cite: CitationRenderer): T {
  for (const inline of inlines) {
    switch (inline.kind) {
      case 'text':
        append(parent, [inline.text]);
        break;
      case 'break':
        parent.appendChild(h('br'));
        break;
      case 'code':
        parent.appendChild(h('code', {}, inline.text));
        break;
      case 'strong':
      case 'em':
        parent.appendChild(renderInlines(h(inline.kind), inline.children, cite));
        break;
      case 'link':
        parent.appendChild(
          renderInlines(
            h('a', { href: inline.href, target: '_blank', rel: 'noopener noreferrer' }),
            inline.children,
            cite,
          ),
        );
        break;
      case 'cite':
        for (const n of inline.numbers) append(parent, [cite(n) ?? `[${n}]`]);
        break;
    }
  }
  return parent;
}
