import { el } from './dom.ts';
import { safeUrl } from './safe-url.ts';

// **bold**, `code`, [label](https://...), and bare https:// links. Nothing else
// is markup: the rest of the text stays text, `<tags>` included.
const INLINE =
  /\*\*([^*\n]+)\*\*|`([^`\n]+)`|\[([^\]\n]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"])/g;
const BULLET = /^\s*[-*•]\s+/;
const NUMBERED = /^\s*(\d+)[.)]\s+/;
const HEADING = /^#{1,6}\s+/;

const link = (href: string, label: string) =>
  el('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow ugc' }, label);

function appendInline(parent: HTMLElement, text: string) {
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const [whole, bold, code, label, href, bare] = match;
    parent.append(text.slice(last, match.index));
    if (bold !== undefined) parent.append(el('strong', {}, bold));
    else if (code !== undefined) parent.append(el('code', {}, code));
    else if (label !== undefined) {
      const url = safeUrl(href ?? '');
      parent.append(url ? link(url, label) : whole);
    } else if (bare !== undefined) parent.append(link(bare, bare));
    last = match.index + whole.length;
  }
  parent.append(text.slice(last));
}

/**
 * A message's text as DOM nodes, with a little Markdown (paragraphs, line
 * breaks, lists, headings as bold lines, bold, code, links). It never builds
 * an HTML string: whatever the text holds ends up in text nodes.
 */
export function renderRichText(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    let container: HTMLElement | undefined;
    let kind = '';
    for (const line of block.split('\n')) {
      if (line.trim() === '') continue;
      const number = NUMBERED.exec(line);
      const lineKind = BULLET.test(line) ? 'ul' : number ? 'ol' : HEADING.test(line) ? 'h' : 'p';
      if (lineKind === 'h') {
        const heading = el('p', {}, el('strong'));
        appendInline(heading.firstChild as HTMLElement, line.replace(HEADING, ''));
        fragment.append(heading);
        container = undefined;
        kind = '';
        continue;
      }
      if (!container || lineKind !== kind) {
        container = el(
          lineKind as 'ul' | 'ol' | 'p',
          number && number[1] !== '1' ? { start: number[1] } : {},
        );
        fragment.append(container);
        kind = lineKind;
      } else if (kind === 'p') container.append(el('br'));
      if (kind === 'p') appendInline(container, line);
      else {
        const item = el('li');
        appendInline(item, line.replace(kind === 'ul' ? BULLET : NUMBERED, ''));
        container.append(item);
      }
    }
  }
  return fragment;
}
