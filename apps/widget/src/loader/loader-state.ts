import type { PublicWidgetConfig, WidgetTheme } from '@companero/contracts';
import type { ChatHandle, Launcher, MountChat, ResolvedOptions } from '../bridge.ts';

/** Everything loader.js knows: one per page, behind `window.Companero`. */
export interface LoaderState {
  /** Where loader.js came from: the api's origin, and the folder chat.js is in. */
  script: { src: string; nonce: string | undefined } | undefined;
  options?: ResolvedOptions;
  config: Promise<PublicWidgetConfig | null>;
  /** The creator's saved theme, once the config has arrived. */
  savedTheme?: Partial<WidgetTheme>;
  /** The page's own theme (`init({theme})`, `setTheme`). */
  theme?: Partial<WidgetTheme>;
  launcher?: Launcher;
  /** chat.js's mount function, once it has loaded (kept for a later `init`). */
  mount?: MountChat;
  chat?: ChatHandle;
  isChatLoading: boolean;
  /** A command needed the chat before `init` said which widget to load. */
  wantsChat: boolean;
  /** Commands waiting for chat.js, replayed in order once it is mounted. */
  queue: Array<(chat: ChatHandle) => void>;
  listeners: Map<string, Set<(payload: never) => void>>;
}

export function createLoaderState(script: HTMLScriptElement | null): LoaderState {
  return {
    script: script?.src ? { src: script.src, nonce: script.nonce } : undefined,
    config: Promise.resolve(null),
    isChatLoading: false,
    wantsChat: false,
    queue: [],
    listeners: new Map(),
  };
}
