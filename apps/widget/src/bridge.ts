import type { PublicWidgetConfig, WidgetMessage, WidgetTheme } from '@companero/contracts';

/**
 * The contract between the two bundles: loader.js (the global, the launcher)
 * and chat.js (everything else), which the loader injects on first open.
 * Types, plus the storage keys both bundles read.
 */

export type WidgetMode = 'bubble' | 'popup' | 'inline';
export type Locale = 'en' | 'es';
export type TransportKind = 'websocket' | 'sse';

/** What `Companero.init()` takes; the script tag's `data-*` attributes give the same. */
export interface WidgetOptions {
  key: string;
  mode?: WidgetMode;
  /** Inline mode: the element (or a selector for it) the chat fills. */
  target?: string | Element;
  locale?: Locale;
  /** The api's origin; by default the origin loader.js was served from. */
  api?: string;
  /** `sse` skips WebSockets (networks that block them are detected anyway). */
  transport?: TransportKind;
  /** The dashboard's live preview: sample messages, no network calls. */
  preview?: boolean;
  theme?: Partial<WidgetTheme>;
  /** Preview only: the name the header shows when the theme has no title. */
  coachName?: string;
}

export interface ResolvedOptions {
  key: string;
  mode: WidgetMode;
  target: string | Element | undefined;
  locale: Locale | undefined;
  /** Origin of the api, without a trailing slash. */
  api: string;
  transport: TransportKind;
  isPreview: boolean;
  coachName: string | undefined;
}

export interface IdentifyInput {
  name?: string;
  email?: string;
}

export interface WidgetEvents {
  ready: undefined;
  open: undefined;
  close: undefined;
  message: WidgetMessage;
  unread: number;
}
export type WidgetEventName = keyof WidgetEvents;
export type WidgetListener<E extends WidgetEventName> = (payload: WidgetEvents[E]) => void;

export type AnalyticsEventType = 'widget_loaded' | 'widget_opened' | 'message_sent' | 'conversation_started';

/** The launcher button the loader drew (bubble mode only). */
export interface Launcher {
  setOpen(isOpen: boolean): void;
  setUnread(count: number): void;
  /** The saved theme with the page's override laid over it; the launcher fills in defaults. */
  setTheme(theme: Partial<WidgetTheme>): void;
  focus(): void;
  remove(): void;
}

/** What the loader hands chat.js when it mounts it. */
export interface ChatContext {
  options: ResolvedOptions;
  /** The loader's `GET /widget/config/:key` (null in preview or when it failed). */
  config: Promise<PublicWidgetConfig | null>;
  /** The latest `setTheme()` (or `init({theme})`), laid over the creator's saved theme. */
  theme: Partial<WidgetTheme> | undefined;
  /** The launcher, when there is one (bubble mode, once the theme has arrived). */
  launcher(): Launcher | undefined;
  emit<E extends WidgetEventName>(event: E, payload: WidgetEvents[E]): void;
}

/** The mounted chat; the loader forwards the public commands to it. */
export interface ChatHandle {
  open(): void;
  close(): void;
  toggle(): void;
  identify(input: IdentifyInput): void;
  reset(): void;
  setTheme(theme: Partial<WidgetTheme>): void;
  /** Removes the chat and closes its connection (`init()` again replaces the widget). */
  destroy(): void;
}

export type MountChat = (context: ChatContext) => ChatHandle;

/** `window.Companero`. */
export interface CompaneroApi {
  init(options: WidgetOptions): void;
  open(): void;
  close(): void;
  toggle(): void;
  identify(input: IdentifyInput): void;
  reset(): void;
  setTheme(theme: Partial<WidgetTheme>): void;
  on<E extends WidgetEventName>(event: E, listener: WidgetListener<E>): () => void;
}

declare global {
  interface Window {
    Companero?: CompaneroApi;
    /** Set by the loader; chat.js calls it with its mount function once it has loaded. */
    __companeroChat?: (mount: MountChat) => void;
  }
}

/** Storage keys, per widget key so two widgets on one site do not mix visitors. */
export const visitorStorageKey = (key: string) => `companero:${key}:visitor`;
export const unreadStorageKey = (key: string) => `companero:${key}:unread`;
