import type { WidgetMessage, WidgetTheme } from '@companero/contracts';
import type { Locale, WidgetMode } from '../bridge.ts';
import type { ChatItem } from '../chat/message-store.ts';
import { adoptStyles, el } from './dom.ts';
import { trapFocus } from './focus-trap.ts';
import { format, type Strings } from './i18n.ts';
import { ATTACH_ICON, CLOSE_ICON, icon, SEND_ICON } from './icons.ts';
import { type MessageContext, renderDelivery, renderMessage } from './render-message.ts';
import { safeUrl } from './safe-url.ts';
import { CHAT_STYLES } from './styles.ts';
import { themeToCssVars } from './theme-vars.ts';

export const ACCEPTED_FILE_TYPES = 'image/png,image/jpeg,image/gif,image/webp,application/pdf';

export interface ChatViewOptions {
  mode: WidgetMode;
  theme: WidgetTheme;
  strings: Strings;
  locale: Locale;
  /** The header's title: the theme's, else the coach's name. */
  title: string;
  api: string;
}

export interface ChatViewHandlers {
  onSend(text: string): void;
  onInput(): void;
  onFiles(files: File[]): void;
  onRemoveFile(id: string): void;
  onRetry(clientMessageId: string): void;
  onQuickReply(label: string): void;
  onClose(): void;
}

/** A file in the composer, waiting to go with the next message. */
export interface ComposerFile {
  id: string;
  name: string;
  isUploading: boolean;
}

export interface RenderExtras {
  /** The creator's greeting, shown first to a visitor with no history (never stored). */
  greeting: string | null;
  /** The latest reply's quick replies, while it is the latest message. */
  quickReplies: WidgetMessage['quickReplies'];
}

interface Entry {
  node: HTMLElement;
  version: number;
  isLastSeen: boolean;
  body: string;
}

// What, besides the delivery line, a bubble shows: when only the line changes,
// the bubble stays and screen readers do not hear the message again.
const bodyOf = ({ message }: ChatItem) =>
  `${message.content}\u0000${message.attachments.length}\u0000${message.citations.length}\u0000${message.media?.url}`;

/**
 * The chat's DOM inside its shadow root: header, message list (a polite live
 * region), quick replies, typing indicator and composer. It holds no state of
 * the conversation; the controller renders the store into it.
 */
export function createChatView(root: ShadowRoot, options: ChatViewOptions, handlers: ChatViewHandlers) {
  const { mode, theme, strings } = options;
  adoptStyles(root, theme.customCss ? [CHAT_STYLES, theme.customCss] : [CHAT_STYLES]);

  const context: MessageContext = {
    strings,
    coachName: options.title,
    api: options.api,
    onRetry: handlers.onRetry,
  };
  const iconButton = (label: string, path: string) =>
    el('button', { type: 'button', class: 'icon-btn', 'aria-label': label, title: label }, icon(path));

  const avatarUrl = theme.avatarUrl && safeUrl(theme.avatarUrl);
  const closeButton = mode === 'inline' ? null : iconButton(strings.closeChat, CLOSE_ICON);
  closeButton?.addEventListener('click', handlers.onClose);
  const header = el(
    'div',
    { class: 'header' },
    avatarUrl ? el('img', { class: 'avatar', src: avatarUrl, alt: '' }) : null,
    el(
      'div',
      { class: 'titles' },
      el('h2', { class: 'title', id: 'cw-title' }, options.title),
      theme.subtitle ? el('p', { class: 'subtitle' }, theme.subtitle) : null,
    ),
    closeButton,
  );

  const banner = el('div', { class: 'banner', role: 'status', hidden: true });
  // The live region is switched on after the history is in (`announce`), so
  // opening the chat does not read out the whole conversation.
  const list = el('div', { class: 'list', role: 'log', 'aria-live': 'off', 'aria-label': strings.messages });
  const quick = el('div', { class: 'quick', role: 'group', hidden: true });
  const typingText = el('span', { class: 'sr' });
  const typing = el(
    'div',
    { class: 'typing', role: 'status', hidden: true },
    el('span', { class: 'dot', 'aria-hidden': 'true' }),
    el('span', { class: 'dot', 'aria-hidden': 'true' }),
    el('span', { class: 'dot', 'aria-hidden': 'true' }),
    typingText,
  );
  const scroller = el('div', { class: 'scroller' }, list, quick, typing);

  const input = el('textarea', {
    class: 'input',
    rows: 1,
    'aria-label': strings.message,
    placeholder: strings.placeholder,
    maxlength: 4000,
  });
  const fileInput = el('input', { type: 'file', accept: ACCEPTED_FILE_TYPES, multiple: true, hidden: true });
  const attachButton = iconButton(strings.attach, ATTACH_ICON);
  const sendButton = el(
    'button',
    { type: 'submit', class: 'icon-btn send', 'aria-label': strings.send, title: strings.send },
    icon(SEND_ICON, 20),
  );
  const chips = el('div', { class: 'chips', hidden: true });
  const composer = el(
    'form',
    { class: 'composer' },
    chips,
    el('div', { class: 'row' }, attachButton, fileInput, input, sendButton),
  );

  const isModal = mode === 'popup';
  const panel = el(
    'div',
    {
      class: 'panel',
      role: mode === 'inline' ? 'region' : 'dialog',
      'aria-modal': mode === 'inline' ? undefined : String(isModal),
      'aria-labelledby': 'cw-title',
    },
    header,
    banner,
    scroller,
    composer,
  );
  const backdrop = isModal ? el('div', { class: 'backdrop' }) : null;
  backdrop?.addEventListener('click', handlers.onClose);
  const container = el(
    'div',
    { class: `root ${mode}-mode ${theme.position}`, lang: options.locale },
    backdrop,
    panel,
  );
  for (const [name, value] of Object.entries(themeToCssVars(theme))) container.style.setProperty(name, value);
  root.append(container);
  if (isModal) trapFocus(panel, root);

  const resize = () => {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight + 2, 140)}px`;
  };
  const submit = () => {
    if (sendButton.disabled) return;
    handlers.onSend(input.value);
  };
  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  input.addEventListener('keydown', (event) => {
    // Enter sends, Shift+Enter is a new line; not while an IME is composing a character.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  input.addEventListener('input', () => {
    resize();
    handlers.onInput();
  });
  attachButton.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => {
    handlers.onFiles([...(fileInput.files ?? [])]);
    fileInput.value = '';
  });
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && mode !== 'inline') {
      event.stopPropagation();
      handlers.onClose();
    }
  });

  let entries = new Map<string, Entry>();
  let greetingNode: HTMLElement | undefined;
  let renderedCount = 0;

  function renderGreeting(greeting: string | null): HTMLElement | undefined {
    if (!greeting) return undefined;
    if (greetingNode?.dataset.text !== greeting) {
      const item: ChatItem = {
        key: 'greeting',
        message: {
          id: '',
          role: 'assistant',
          content: greeting,
          createdAt: '',
          clientMessageId: null,
          citations: [],
          quickReplies: [],
          media: null,
          attachments: [],
        },
        isStored: false,
        version: 0,
      };
      greetingNode = renderMessage(item, false, context);
      greetingNode.dataset.text = greeting;
    }
    return greetingNode;
  }

  return {
    renderMessages(items: readonly ChatItem[], extras: RenderExtras) {
      const isNearBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
      let lastSeen = -1;
      items.forEach((item, index) => {
        if (item.delivery === 'seen') lastSeen = index;
      });
      const nodes: HTMLElement[] = [];
      const greeting = renderGreeting(extras.greeting);
      if (greeting) nodes.push(greeting);
      const next = new Map<string, Entry>();
      items.forEach((item, index) => {
        const isLastSeen = index === lastSeen;
        let entry = entries.get(item.key);
        if (entry && (entry.version !== item.version || entry.isLastSeen !== isLastSeen)) {
          if (!item.isDraft && entry.body === bodyOf(item)) {
            entry.node.querySelector('.status')?.replaceWith(renderDelivery(item, isLastSeen, context));
          } else {
            entry.node.remove();
            entry = undefined;
          }
        }
        entry ??= {
          node: renderMessage(item, isLastSeen, context),
          version: 0,
          isLastSeen,
          body: bodyOf(item),
        };
        entry.version = item.version;
        entry.isLastSeen = isLastSeen;
        next.set(item.key, entry);
        nodes.push(entry.node);
      });
      for (const [key, entry] of entries) if (!next.has(key)) entry.node.remove();
      entries = next;
      nodes.forEach((node, index) => {
        const current = list.children[index];
        if (current !== node) list.insertBefore(node, current ?? null);
      });
      while (list.children.length > nodes.length) list.lastElementChild?.remove();

      quick.replaceChildren(
        ...extras.quickReplies.map((reply) => {
          const button = el('button', { type: 'button' }, reply.label);
          button.addEventListener('click', () => handlers.onQuickReply(reply.label));
          return button;
        }),
      );
      quick.hidden = extras.quickReplies.length === 0;

      const hasNewOwn = items.length > renderedCount && items[items.length - 1]?.message.role === 'user';
      renderedCount = items.length;
      if (isNearBottom || hasNewOwn) scroller.scrollTop = scroller.scrollHeight;
    },

    /** From now on, new messages are announced to screen readers. */
    announce() {
      list.setAttribute('aria-live', 'polite');
    },

    /** Who is writing a reply (the coach or the creator), or null. */
    setTyping(name: string | null) {
      const wasHidden = typing.hidden;
      typing.hidden = name === null;
      typingText.textContent = name === null ? '' : format(strings.typing, name);
      if (wasHidden && name !== null) scroller.scrollTop = scroller.scrollHeight;
    },

    setBanner(text: string | null, isError = false) {
      banner.hidden = text === null;
      banner.textContent = text ?? '';
      banner.className = isError ? 'banner error' : 'banner';
      banner.setAttribute('role', isError ? 'alert' : 'status');
    },

    setFiles(files: ComposerFile[]) {
      chips.hidden = files.length === 0;
      chips.replaceChildren(
        ...files.map((file) => {
          const remove = iconButton(format(strings.removeFile, file.name), CLOSE_ICON);
          remove.addEventListener('click', () => handlers.onRemoveFile(file.id));
          return el(
            'div',
            { class: 'chip' },
            el('span', {}, file.isUploading ? strings.uploading : file.name),
            remove,
          );
        }),
      );
      sendButton.disabled = files.some((file) => file.isUploading);
    },

    /** The chat cannot be used here (a refused site): nothing to type into. */
    disableComposer() {
      for (const control of [input, attachButton, sendButton]) control.disabled = true;
    },

    clearComposer() {
      input.value = '';
      resize();
    },

    composerText: () => input.value,

    setComposerText(text: string) {
      input.value = text;
      resize();
    },

    focusComposer() {
      input.focus();
    },

    /** Whether keyboard focus is inside the chat (the shadow root's own view of focus). */
    hasFocus: () => root.activeElement !== null,

    remove() {
      root.replaceChildren();
    },
  };
}

export type ChatView = ReturnType<typeof createChatView>;
