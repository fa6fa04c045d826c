import type { WidgetMessage } from '@companero/contracts';
import type { ChatItem } from '../chat/message-store.ts';
import { el } from './dom.ts';
import { format, type Strings } from './i18n.ts';
import { renderRichText } from './rich-text.ts';
import { safeUrl } from './safe-url.ts';

export interface MessageContext {
  strings: Strings;
  /** Who the assistant speaks as (the header's title). */
  coachName: string;
  /** Base for the relative URLs of attachments. */
  api: string;
  onRetry(clientMessageId: string): void;
}

const IMAGE_TYPES = /^image\/(png|jpeg|gif|webp)$/;

function renderFiles(message: WidgetMessage, api: string): HTMLElement | null {
  const links: HTMLElement[] = [];
  for (const file of message.attachments) {
    const href = safeUrl(file.url, api);
    if (!href) continue;
    links.push(
      IMAGE_TYPES.test(file.mime)
        ? el(
            'a',
            { href, target: '_blank', rel: 'noopener noreferrer' },
            el('img', { class: 'thumb', src: href, alt: file.name }),
          )
        : el('a', { class: 'file', href, target: '_blank', rel: 'noopener noreferrer' }, file.name),
    );
  }
  const media = message.media;
  const mediaUrl = media && safeUrl(media.url, api);
  if (media && mediaUrl) {
    const label = media.caption ?? mediaUrl;
    links.push(
      media.kind === 'image'
        ? el(
            'a',
            { href: mediaUrl, target: '_blank', rel: 'noopener noreferrer' },
            el('img', { class: 'thumb', src: mediaUrl, alt: media.caption ?? '' }),
          )
        : el('a', { class: 'file', href: mediaUrl, target: '_blank', rel: 'noopener noreferrer' }, label),
    );
  }
  return links.length > 0 ? el('div', { class: 'files' }, ...links) : null;
}

function renderCitations(message: WidgetMessage, strings: Strings): HTMLElement | null {
  if (message.citations.length === 0) return null;
  return el(
    'ol',
    { class: 'cites', 'aria-label': strings.sources },
    ...message.citations.map((citation) =>
      el(
        'li',
        {},
        `[${citation.n}] ${citation.title}${citation.page === null ? '' : `, ${format(strings.page, citation.page)}`}`,
      ),
    ),
  );
}

/** The line under a visitor's message: sending, not sent (with retry), or seen by the coach. */
export function renderDelivery(item: ChatItem, isLastSeen: boolean, context: MessageContext): HTMLElement {
  const { strings } = context;
  const status = el('div', { class: 'status' });
  if (item.delivery === 'sending') status.append(strings.sending);
  else if (item.delivery === 'failed') {
    const retry = el('button', { type: 'button', class: 'retry' }, strings.retry);
    retry.addEventListener('click', () => context.onRetry(item.key));
    status.append(el('span', { class: 'failed' }, strings.notSent), retry);
  } else if (isLastSeen) status.append(strings.seen);
  return status;
}

/**
 * One message bubble. Every piece of text (the message, file names, citation
 * titles) is a text node: an `<img onerror>` in a message shows as those
 * characters, never as an element.
 */
export function renderMessage(item: ChatItem, isLastSeen: boolean, context: MessageContext): HTMLElement {
  const { message } = item;
  const isOwn = message.role === 'user';
  const side = isOwn ? 'user' : message.role === 'system' ? 'system' : 'bot';
  const author = isOwn ? context.strings.you : context.coachName;
  const node = el(
    'div',
    // A reply being written is hidden from screen readers: the live region
    // announces the finished message once, not every piece of it.
    { class: `msg ${side}${item.isDraft ? ' draft' : ''}`, 'aria-hidden': item.isDraft ? 'true' : undefined },
    side === 'system' ? null : el('span', { class: 'sr' }, format(context.strings.said, author)),
  );
  if (message.content.trim() !== '') {
    const bubble = el('div', { class: 'bubble' });
    bubble.append(renderRichText(message.content));
    node.append(bubble);
  }
  const files = renderFiles(message, context.api);
  if (files) node.append(files);
  if (!isOwn) {
    const citations = renderCitations(message, context.strings);
    if (citations) node.append(citations);
  }
  if (isOwn) node.append(renderDelivery(item, isLastSeen, context));
  return node;
}
