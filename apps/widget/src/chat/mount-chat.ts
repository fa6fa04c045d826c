import type {
  PublicWidgetConfig,
  WidgetAttachment,
  WidgetMessage,
  WidgetServerFrame,
  WidgetSession,
  WidgetTheme,
} from '@companero/contracts';
import { ApiError, requestJson } from '../api/request.ts';
import { sendAnalytics } from '../api/send-analytics.ts';
import {
  type AnalyticsEventType,
  type ChatHandle,
  type IdentifyInput,
  type Locale,
  type MountChat,
  unreadStorageKey,
  visitorStorageKey,
} from '../bridge.ts';
import { readStorage, writeStorage } from '../storage.ts';
import { backoffDelay } from '../transport/backoff.ts';
import { type Connection, type ConnectionStatus, createConnection } from '../transport/connection.ts';
import type { OpenLink } from '../transport/link.ts';
import { openSseLink } from '../transport/open-sse-link.ts';
import { openWebSocketLink } from '../transport/open-websocket-link.ts';
import { ACCEPTED_FILE_TYPES, type ChatView, type ComposerFile, createChatView } from '../ui/chat-view.ts';
import { pinHost } from '../ui/dom.ts';
import { getStrings, resolveLocale, type Strings } from '../ui/i18n.ts';
import { resolveTheme } from '../ui/theme.ts';
import { createMessageStore } from './message-store.ts';
import { newClientMessageId } from './new-client-message-id.ts';
import { createSessionKeeper, type SessionKeeper } from './session-keeper.ts';
import { createTypingSignal } from './typing-signal.ts';

const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** The server says when the coach starts a reply, not always when it gives up: the dots expire. */
const TYPING_EXPIRES_MS = 30_000;
const MAX_FILES = 5;
const ERROR_BANNER_MS = 8_000;

interface PendingFile extends ComposerFile {
  attachment?: WidgetAttachment;
}

const isFromCoach = (message: WidgetMessage) => message.role === 'assistant' || message.role === 'creator';

/** Kept as string keys, so a change of language (setTheme) translates a banner already shown. */
type BannerText = keyof Strings | null;
interface Banners {
  refused: BannerText;
  error: BannerText;
  connection: BannerText;
  status: BannerText;
}
const NO_BANNERS: Banners = { refused: null, error: null, connection: null, status: null };

/** Resolves an inline target, waiting for the document when the script ran before the element exists. */
function whenTarget(target: string | Element | undefined, use: (element: Element) => void) {
  const find = () => (typeof target === 'string' ? document.querySelector(target) : (target ?? null));
  const element = find();
  if (element) return use(element);
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => whenTarget(target, use), { once: true });
  } else {
    console.warn('Companero: the inline target was not found', target);
  }
}

/**
 * chat.js: mounts the chat for the loader and wires the session, the
 * realtime connection, the message store and the view together.
 */
export const mountChat: MountChat = (context) => {
  const { options } = context;
  const { mode, api, key } = options;
  const isInline = mode === 'inline';
  const unreadKey = unreadStorageKey(key);

  const store = createMessageStore();
  const host = document.createElement('companero-chat');
  const shadow = host.attachShadow({ mode: 'open' });

  let config: PublicWidgetConfig | null = null;
  let themeOverride = context.theme;
  let theme: WidgetTheme = resolveTheme();
  let locale: Locale = 'en';
  let strings: Strings = getStrings('en');
  let view: ChatView | undefined;
  let isOpen = isInline;
  let isDestroyed = false;
  let isRefused = false;
  let isHistoryLoaded = false;
  let isConversationClosed = false;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let hasVisitorMessage = false;
  let shouldShowGreeting = false;
  let opener: HTMLElement | null = null;
  let typingWho: 'assistant' | 'creator' | null = null;
  let files: PendingFile[] = [];
  let unread = Number(readStorage('session', unreadKey)) || 0;
  let lastReadSent: string | undefined;
  let conversationId: string | undefined;
  // What the strip under the header says, most important first: the site is
  // refused, a message failed, the connection is down, a person took over.
  let banners: Banners = { ...NO_BANNERS };
  let errorTimer: ReturnType<typeof setTimeout> | undefined;
  let keeper: SessionKeeper | undefined;
  let connection: Connection | undefined;
  let generation = 0;
  let hasTrackedOpen = false;

  // The tab has a chat now: on the next page of this site the loader brings it back at once.
  if (!options.isPreview) writeStorage('session', unreadKey, String(unread));

  const track = (type: AnalyticsEventType) => {
    if (options.isPreview) return;
    const visitorId = keeper?.current()?.visitorId ?? readStorage('local', visitorStorageKey(key));
    sendAnalytics(api, key, type, visitorId);
  };

  const typingSignal = createTypingSignal((typing) => connection?.send({ type: 'typing', typing }));

  // ---- view -------------------------------------------------------------

  function coachName() {
    return theme.title ?? config?.coachName ?? options.coachName ?? strings.coach;
  }

  function buildView() {
    const text = view?.composerText() ?? '';
    const hadFocus = view?.hasFocus() ?? false;
    view?.remove();
    theme = resolveTheme(config?.theme, themeOverride);
    locale = resolveLocale(options.locale, theme.language, navigator.language);
    strings = getStrings(locale);
    view = createChatView(
      shadow,
      { mode, theme, strings, locale, title: coachName(), api },
      {
        onSend(value) {
          if (sendMessage(value, files)) {
            view?.clearComposer();
            files = [];
            view?.setFiles(files);
          }
        },
        onInput: () => typingSignal.input(),
        onFiles: addFiles,
        onRemoveFile(id) {
          files = files.filter((file) => file.id !== id);
          view?.setFiles(files);
        },
        onRetry: retry,
        onQuickReply: (label) => sendMessage(label, []),
        onClose: close,
      },
    );
    view.setComposerText(text);
    view.setFiles(files);
    view.setTyping(typingWho && coachName());
    showBanner();
    render();
    if (isRefused) view.disableComposer();
    if (isHistoryLoaded) view.announce();
    if (hadFocus) view.focusComposer();
  }

  function render() {
    const items = store.items();
    const last = items[items.length - 1];
    view?.renderMessages(items, {
      greeting: shouldShowGreeting ? theme.greeting : null,
      quickReplies: last?.isStored && isFromCoach(last.message) ? last.message.quickReplies : [],
    });
  }

  function showBanner() {
    const error = banners.refused ?? banners.error;
    const text = error ?? banners.connection ?? banners.status;
    view?.setBanner(text && strings[text], error !== null);
  }

  function setBanner(kind: keyof Banners, text: BannerText) {
    banners = { ...banners, [kind]: text };
    if (kind === 'error') {
      clearTimeout(errorTimer);
      if (text) errorTimer = setTimeout(() => setBanner('error', null), ERROR_BANNER_MS);
    }
    showBanner();
  }

  function setTyping(who: 'assistant' | 'creator' | null) {
    typingWho = who;
    view?.setTyping(who && coachName());
    clearTimeout(typingTimer);
    if (who) typingTimer = setTimeout(() => setTyping(null), TYPING_EXPIRES_MS);
  }

  function placeHost() {
    if (isInline) {
      pinHost(host, { display: 'block', position: 'relative', width: '100%', height: '100%' });
      whenTarget(options.target, (element) => element.append(host));
      return;
    }
    // The host covers the viewport but lets clicks through: the panel (and the
    // popup's backdrop) take pointer events back, and a media query inside the
    // shadow root can then make the panel full screen on phones.
    pinHost(host, {
      display: isOpen ? 'block' : 'none',
      position: 'fixed',
      top: '0',
      right: '0',
      bottom: '0',
      left: '0',
      'z-index': '2147483001',
      'pointer-events': 'none',
    });
    if (!host.isConnected) document.body.append(host);
  }

  // ---- unread and read state ------------------------------------------

  function setUnread(count: number) {
    if (count === unread) return;
    unread = count;
    writeStorage('session', unreadKey, String(count));
    context.launcher()?.setUnread(count);
    context.emit('unread', count);
  }

  /** Tells the coach the visitor has seen the latest reply, while the chat is open and the tab visible. */
  function sendRead() {
    if (!isOpen || document.visibilityState !== 'visible') return;
    const items = store.items();
    for (let index = items.length - 1; index >= 0; index--) {
      const item = items[index]!;
      if (!item.isStored || !isFromCoach(item.message)) continue;
      if (
        item.message.id !== lastReadSent &&
        connection?.send({ type: 'read', messageId: item.message.id })
      ) {
        lastReadSent = item.message.id;
      }
      return;
    }
  }

  // ---- frames -----------------------------------------------------------

  function onFrame(frame: WidgetServerFrame) {
    switch (frame.type) {
      case 'ready':
        lastReadSent = undefined;
        showStatus(frame.status);
        sendRead();
        return;
      case 'message': {
        const added = store.apply(frame);
        if (!added) break;
        if (isFromCoach(added)) {
          setTyping(null);
          if (!isOpen) setUnread(unread + 1);
        }
        if (added.role === 'user') hasVisitorMessage = true;
        context.emit('message', added);
        sendRead();
        break;
      }
      case 'delta':
        store.apply(frame);
        // The draft bubble shows the reply; after a reconnect lost part of it, the dots do until it is done.
        setTyping(store.isDraftBroken(frame.replyId) ? 'assistant' : null);
        break;
      case 'typing':
        setTyping(frame.typing ? frame.who : null);
        return;
      case 'status':
        showStatus(frame.status);
        return;
      case 'error': {
        setTyping(null);
        const item = store.items().find((candidate) => candidate.key === frame.clientMessageId);
        if (item?.delivery === 'sending') {
          store.apply(frame);
          setBanner('error', frame.code === 'RATE_LIMITED' ? 'rateLimited' : 'sendFailed');
        } else if (frame.code === 'ORIGIN_NOT_ALLOWED') refuse();
        // Else the reply to a stored message failed, or a frame was refused: nothing the visitor can act on.
        break;
      }
      case 'ack':
      case 'read':
        store.apply(frame);
        break;
      default:
        return;
    }
    render();
  }

  function showStatus(status: WidgetSession['status']) {
    isConversationClosed = status === 'closed';
    setBanner('status', status === 'human' ? 'human' : status === 'closed' ? 'closed' : null);
  }

  function onConnectionStatus(status: ConnectionStatus) {
    if (status === 'refused') return refuse();
    if (status === 'online') setBanner('connection', null);
    if (status === 'offline') {
      setBanner('connection', 'offline');
      store.dropDrafts();
      setTyping(null);
      render();
    }
  }

  function refuse() {
    isRefused = true;
    connection?.stop();
    setBanner('refused', 'refused');
    view?.disableComposer();
  }

  // ---- session ------------------------------------------------------------

  async function authed<T>(path: string, init: RequestInit = {}): Promise<T> {
    if (!keeper) throw new ApiError(0, 'NO_SESSION', 'no session');
    for (let attempt = 0; ; attempt++) {
      const session = await keeper.get(attempt > 0);
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${session.token}`);
      try {
        return await requestJson<T>(`${api}/api/v1/widget${path}`, { ...init, headers });
      } catch (error) {
        // An expired token: once more with a new session.
        if (!(error instanceof ApiError && error.status === 401 && attempt === 0)) throw error;
      }
    }
  }

  function onSession(session: WidgetSession) {
    const isNewConversation = conversationId !== undefined && conversationId !== session.conversationId;
    conversationId = session.conversationId;
    const hasNewLooks = JSON.stringify(session.config) !== JSON.stringify(config);
    config = session.config;
    if (hasNewLooks) buildView();
    if (isNewConversation) {
      // The old conversation was closed and the server opened another: show
      // that one, with the message the visitor has just written for it.
      connection?.stop();
      store.clear(true);
      hasVisitorMessage = false;
      showStatus(session.status);
      render();
      void loadHistory(generation).then(() => connection?.start());
    }
  }

  async function loadHistory(run: number) {
    try {
      const history = await authed<{ items: WidgetMessage[] }>('/messages?limit=50');
      if (run !== generation) return;
      for (const message of history.items) store.receive(message);
    } catch {
      // The resume after connecting replays what the history would have shown.
    }
    if (run !== generation) return;
    hasVisitorMessage = store.items().some((item) => item.message.role === 'user');
    shouldShowGreeting = store.items().length === 0;
    isHistoryLoaded = true;
    render();
    view?.announce();
  }

  async function start() {
    const run = ++generation;
    if (options.isPreview) return startPreview();
    const sessionKeeper = createSessionKeeper({ api, key, locale, onSession });
    keeper = sessionKeeper;
    const openLink: OpenLink = (kind, token, events) =>
      kind === 'sse' ? openSseLink(api, token, events) : openWebSocketLink(api, token, events);
    // Created now, started once the history is in: what the visitor writes
    // meanwhile waits in its outbox.
    const link = createConnection({
      openLink,
      getToken: async (renew) => (await sessionKeeper.get(renew)).token,
      lastMessageId: store.lastMessageId,
      onFrame,
      onStatus: onConnectionStatus,
      transport: options.transport,
    });
    connection = link;
    for (let attempt = 0; ; attempt++) {
      try {
        await sessionKeeper.get();
        break;
      } catch (error) {
        if (run !== generation) return;
        // Refused site, unknown or switched-off widget: asking again will not help.
        if (error instanceof ApiError && [400, 403, 404].includes(error.status)) return refuse();
        setBanner('connection', 'offline');
        await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, Math.random)));
        if (run !== generation) return;
      }
    }
    setBanner('connection', null);
    const session = sessionKeeper.current();
    if (session) showStatus(session.status);
    await loadHistory(run);
    if (run !== generation || isRefused) return;
    context.emit('ready', undefined);
    link.start();
  }

  function startPreview() {
    seedPreview();
    isHistoryLoaded = true;
    render();
    view?.announce();
    context.emit('ready', undefined);
  }

  /** Two sample messages in the widget's language, for the dashboard's preview. */
  function seedPreview() {
    const sample = (id: string, role: 'user' | 'assistant', content: string): WidgetMessage => ({
      id,
      role,
      content,
      createdAt: new Date().toISOString(),
      clientMessageId: null,
      citations: [],
      quickReplies: [],
      media: null,
      attachments: [],
    });
    store.receive(sample('00000000-0000-4000-8000-000000000001', 'user', strings.sampleQuestion));
    store.receive(sample('00000000-0000-4000-8000-000000000002', 'assistant', strings.sampleAnswer));
    shouldShowGreeting = true;
  }

  // ---- sending ------------------------------------------------------------

  /** Shows and sends a visitor message; answers whether there was anything to send. */
  function sendMessage(text: string, withFiles: PendingFile[]): boolean {
    const content = text.trim();
    const attachments = withFiles.flatMap((file) => (file.attachment ? [file.attachment] : []));
    if ((content === '' && attachments.length === 0) || isRefused) return false;
    const clientMessageId = newClientMessageId();
    typingSignal.stop();
    if (isConversationClosed && !options.isPreview) startNewConversation();
    store.addOwn(clientMessageId, content, attachments, new Date().toISOString());
    if (options.isPreview) {
      // No network in the preview: the message just shows as sent.
      store.apply({ type: 'ack', clientMessageId, messageId: newClientMessageId() });
    } else {
      connection?.sendMessage({
        type: 'message',
        clientMessageId,
        content,
        ...(attachments.length > 0 ? { attachmentIds: attachments.map((attachment) => attachment.id) } : {}),
      });
      track('message_sent');
      if (!hasVisitorMessage) track('conversation_started');
    }
    hasVisitorMessage = true;
    render();
    return true;
  }

  /**
   * A closed conversation takes no more messages: the next session opens a new
   * one. The link stays down meanwhile, so the message waiting in the outbox
   * goes to the new conversation, not the closed one.
   */
  function startNewConversation() {
    isConversationClosed = false;
    connection?.stop();
    const previous = conversationId;
    keeper?.get(true).then(
      // The same conversation after all: carry on with it (a new one restarts in onSession).
      (session) => session.conversationId === previous && connection?.start(),
      () => connection?.start(),
    );
  }

  function retry(clientMessageId: string) {
    const item = store.retry(clientMessageId);
    if (!item) return;
    const ids = item.message.attachments.map((attachment) => attachment.id);
    connection?.sendMessage({
      type: 'message',
      clientMessageId,
      content: item.message.content,
      ...(ids.length > 0 ? { attachmentIds: ids } : {}),
    });
    setBanner('error', null);
    render();
  }

  function addFiles(picked: File[]) {
    if (options.isPreview) return;
    for (const file of picked) {
      if (files.length >= MAX_FILES) {
        setBanner('error', 'tooManyFiles');
        break;
      }
      if (!ACCEPTED_FILE_TYPES.split(',').includes(file.type) || file.size > MAX_FILE_BYTES) {
        setBanner('error', 'fileRejected');
        continue;
      }
      const entry: PendingFile = { id: newClientMessageId(), name: file.name, isUploading: true };
      files = [...files, entry];
      const body = new FormData();
      body.append('file', file, file.name);
      authed<WidgetAttachment | { attachment: WidgetAttachment }>('/attachments', { method: 'POST', body })
        .then((answer) => {
          entry.attachment = 'attachment' in answer ? answer.attachment : answer;
          entry.isUploading = false;
        })
        .catch(() => {
          files = files.filter((candidate) => candidate !== entry);
          setBanner('error', 'uploadFailed');
        })
        .finally(() => view?.setFiles(files));
    }
    view?.setFiles(files);
  }

  // ---- open and close -----------------------------------------------------

  function open() {
    if (isOpen || isDestroyed) return;
    const active = document.activeElement;
    opener = active instanceof HTMLElement && active !== document.body ? active : null;
    isOpen = true;
    placeHost();
    context.launcher()?.setOpen(true);
    setUnread(0);
    view?.focusComposer();
    render();
    sendRead();
    context.emit('open', undefined);
    if (!hasTrackedOpen) {
      hasTrackedOpen = true; // once per page: how many page views lead to a chat
      track('widget_opened');
    }
  }

  function close() {
    if (!isOpen || isInline) return;
    const hadFocus = view?.hasFocus() ?? false;
    isOpen = false;
    typingSignal.stop();
    placeHost();
    context.launcher()?.setOpen(false);
    context.emit('close', undefined);
    if (mode === 'popup') opener?.focus();
    else if (hadFocus) context.launcher()?.focus();
  }

  // A modal keeps focus: if it leaves the dialog (a click on the page behind
  // is blocked by the backdrop, but a script or the address bar can move it), it comes back.
  const onFocusIn = (event: FocusEvent) => {
    if (mode === 'popup' && isOpen && event.target !== host) view?.focusComposer();
  };
  const onVisibility = () => sendRead();
  const onOnline = () => connection?.reconnectNow();
  document.addEventListener('focusin', onFocusIn);
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('online', onOnline);

  // ---- mount ----------------------------------------------------------------

  buildView();
  placeHost();
  void context.config.then((early) => {
    // The loader's copy of the config themes the chat while the session is on its way.
    if (early && !config && !isDestroyed) {
      config = early;
      buildView();
    }
  });
  void start();

  const handle: ChatHandle = {
    open,
    close,
    toggle: () => (isOpen ? close() : open()),
    identify(input: IdentifyInput) {
      if (options.isPreview || !keeper) return;
      // Only the fields the api takes: a page passing more must not get the whole call refused.
      const body = JSON.stringify({ name: input.name, email: input.email, locale });
      authed('/identify', { method: 'POST', body }).catch((error) =>
        console.warn('Companero: identify failed', error),
      );
    },
    reset() {
      generation++;
      connection?.stop();
      connection = undefined;
      keeper?.stop(true);
      keeper = undefined;
      store.clear();
      files = [];
      conversationId = undefined;
      isHistoryLoaded = false;
      hasVisitorMessage = false;
      isRefused = false;
      banners = { ...NO_BANNERS };
      setTyping(null);
      setUnread(0);
      buildView();
      void start();
    },
    setTheme(next) {
      themeOverride = next;
      buildView();
      if (options.isPreview) {
        // The samples follow the language the new theme picks.
        store.clear();
        seedPreview();
        render();
      }
    },
    destroy() {
      isDestroyed = true;
      generation++;
      connection?.stop();
      keeper?.stop();
      typingSignal.stop();
      clearTimeout(errorTimer);
      clearTimeout(typingTimer);
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('online', onOnline);
      host.remove();
    },
  };
  return handle;
};
