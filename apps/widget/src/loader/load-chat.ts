import type { ChatContext, ChatHandle } from '../bridge.ts';
import type { LoaderState } from './loader-state.ts';

function createContext(state: LoaderState): ChatContext {
  return {
    options: state.options!,
    config: state.config,
    theme: state.theme,
    // A getter: the launcher may be drawn after the chat mounts (it waits for the theme).
    launcher: () => state.launcher,
    emit(event, payload) {
      for (const listener of state.listeners.get(event) ?? []) {
        // A page's listener that throws must not break the chat; the error still reaches the console.
        try {
          (listener as (value: typeof payload) => void)(payload);
        } catch (error) {
          reportError(error);
        }
      }
    },
  };
}

function mount(state: LoaderState) {
  if (!state.mount || !state.options || state.chat) return;
  const chat = state.mount(createContext(state));
  state.chat = chat;
  for (const command of state.queue.splice(0)) command(chat);
}

/**
 * Brings chat.js in (once), from the folder loader.js came from. A plain
 * `<script src>`: no eval, no inline code, so a strict CSP that allows
 * loader.js allows chat.js too (its nonce is passed on).
 */
export function loadChat(state: LoaderState): void {
  if (!state.options) {
    state.wantsChat = true;
    return;
  }
  if (state.chat) return;
  if (state.mount) {
    mount(state);
    return;
  }
  if (state.isChatLoading) return;
  state.isChatLoading = true;
  window.__companeroChat = (chatMount) => {
    state.mount = chatMount;
    mount(state);
  };
  const script = document.createElement('script');
  script.src = state.script
    ? new URL('chat.js', state.script.src).href
    : `${state.options.api}/widget/chat.js`;
  script.async = true;
  if (state.script?.nonce) script.nonce = state.script.nonce;
  script.addEventListener('error', () => {
    // Let a later open() try again (a flaky network, not a missing file).
    state.isChatLoading = false;
    script.remove();
  });
  document.head.append(script);
}

/** Runs a command on the chat now, or once it has loaded; `shouldLoad` brings it in. */
export function withChat(state: LoaderState, command: (chat: ChatHandle) => void, shouldLoad: boolean): void {
  if (state.chat) {
    command(state.chat);
    return;
  }
  state.queue.push(command);
  if (shouldLoad) loadChat(state);
}
