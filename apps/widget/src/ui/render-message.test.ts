// @vitest-environment happy-dom
import type { WidgetMessage } from '@companero/contracts';
import { describe, expect, it, vi } from 'vitest';
import type { ChatItem } from '../chat/message-store.ts';
import { getStrings } from './i18n.ts';
import { type MessageContext, renderMessage } from './render-message.ts';
import { renderRichText } from './rich-text.ts';

const XSS = '<img src=x onerror=alert(1)>';

const context: MessageContext = {
  strings: getStrings('en'),
  coachName: 'Coach Lucía',
  api: 'https://coach.example.com',
  onRetry: vi.fn(),
};

const item = (patch: Partial<WidgetMessage>, delivery?: ChatItem['delivery']): ChatItem => ({
  key: 'k',
  message: {
    id: '00000000-0000-4000-8000-000000000001',
    role: 'assistant',
    content: '',
    createdAt: '2025-01-01T00:00:00.000Z',
    clientMessageId: null,
    citations: [],
    quickReplies: [],
    media: null,
    attachments: [],
    ...patch,
  },
  delivery,
  isStored: true,
  version: 1,
});

describe('rendering a message', () => {
  it('shows an HTML payload as text and creates no element from it', () => {
    for (const role of ['user', 'assistant', 'creator'] as const) {
      const node = renderMessage(item({ role, content: XSS }), false, context);
      expect(node.querySelector('.bubble')?.textContent).toBe(XSS);
      expect(node.querySelector('img')).toBeNull();
      expect(node.innerHTML).not.toContain('<img');
    }
  });

  it('keeps markup in file names, citation titles and Markdown as text too', () => {
    const node = renderMessage(
      item({
        content: `**${XSS}** and \`${XSS}\``,
        citations: [{ n: 1, title: `<script>alert(1)</script>`, page: 4 }],
        attachments: [
          {
            id: '00000000-0000-4000-8000-000000000009',
            name: `<b onmouseover=alert(1)>report.pdf`,
            mime: 'application/pdf',
            size: 10,
            url: '/api/v1/widget/files/a/b?sig=1',
          },
        ],
      }),
      false,
      context,
    );
    expect(node.querySelector('script, b, img')).toBeNull();
    expect(node.querySelector('strong')?.textContent).toBe(XSS);
    expect(node.querySelector('code')?.textContent).toBe(XSS);
    expect(node.querySelector('.cites')?.textContent).toBe('[1] <script>alert(1)</script>, p. 4');
    const file = node.querySelector<HTMLAnchorElement>('a.file');
    expect(file?.textContent).toBe('<b onmouseover=alert(1)>report.pdf');
    expect(file?.href).toBe('https://coach.example.com/api/v1/widget/files/a/b?sig=1');
  });

  it('never links a javascript: URL', () => {
    const fragment = renderRichText('[click me](javascript:alert(1)) javascript:alert(2)');
    const holder = document.createElement('div');
    holder.append(fragment);
    expect(holder.querySelector('a')).toBeNull();
    expect(holder.textContent).toBe('[click me](javascript:alert(1)) javascript:alert(2)');
  });

  it('renders a little Markdown as elements: lists, bold, links, line breaks', () => {
    const holder = document.createElement('div');
    holder.append(
      renderRichText('Tips:\n- **Dim** the lights\n- See https://example.com/sleep.\n\nLine one\nline two'),
    );
    expect([...holder.children].map((child) => child.tagName)).toEqual(['P', 'UL', 'P']);
    expect(holder.querySelectorAll('li')).toHaveLength(2);
    expect(holder.querySelector('strong')?.textContent).toBe('Dim');
    const link = holder.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://example.com/sleep');
    expect(link?.getAttribute('rel')).toContain('noopener');
    expect(holder.querySelectorAll('br')).toHaveLength(1);
  });

  it('shows image attachments as thumbnails and other files as links', () => {
    const node = renderMessage(
      item({
        role: 'user',
        attachments: [
          { id: '1', name: 'photo.png', mime: 'image/png', size: 1, url: 'https://files.example.com/p.png' },
          {
            id: '2',
            name: 'plan.pdf',
            mime: 'application/pdf',
            size: 1,
            url: 'https://files.example.com/p.pdf',
          },
        ],
      }),
      false,
      context,
    );
    expect(node.querySelector('img.thumb')?.getAttribute('alt')).toBe('photo.png');
    expect(node.querySelector('a.file')?.textContent).toBe('plan.pdf');
  });

  it('tells the visitor where their message is: sending, not sent with a retry, seen', () => {
    expect(
      renderMessage(item({ role: 'user', content: 'a' }, 'sending'), false, context).textContent,
    ).toContain('Sending…');
    expect(renderMessage(item({ role: 'user', content: 'a' }, 'seen'), true, context).textContent).toContain(
      'Seen',
    );
    const failed = renderMessage(item({ role: 'user', content: 'a' }, 'failed'), false, context);
    expect(failed.textContent).toContain('Not sent');
    failed.querySelector<HTMLButtonElement>('button.retry')?.click();
    expect(context.onRetry).toHaveBeenCalledWith('k');
  });

  it('names who said it for screen readers and hides a draft from them', () => {
    const reply = renderMessage(item({ content: 'Hello' }), false, context);
    expect(reply.querySelector('.sr')?.textContent).toBe('Coach Lucía said:');
    const draft = renderMessage({ ...item({ content: 'Hel' }), isDraft: true }, false, context);
    expect(draft.getAttribute('aria-hidden')).toBe('true');
  });
});
