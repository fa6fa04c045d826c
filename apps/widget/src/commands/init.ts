import type { PublicWidgetConfig } from '@companero/contracts';
import { sendAnalytics } from '../api/send-analytics.ts';
import { type ResolvedOptions, unreadStorageKey, visitorStorageKey, type WidgetOptions } from '../bridge.ts';
import { loadChat } from '../loader/load-chat.ts';
import type { LoaderState } from '../loader/loader-state.ts';
import { readStorage } from '../storage.ts';
import { resolveLocale } from '../ui/i18n.ts';
import { drawLauncher } from '../ui/launcher.ts';
import { toggle } from './toggle.ts';

/**
 * `Companero.init(options)` (the script tag's `data-*` attributes call it too):
 * fetches the theme, draws the launcher in bubble mode, and loads the chat at
 * once in inline mode. Calling it again replaces the widget, so the
 * dashboard's preview can remount.
 */
export function init(state: LoaderState, input: WidgetOptions): void {
  if (!input?.key) {
    console.warn('Companero: no key');
    return;
  }
  state.chat?.destroy();
  state.chat = undefined;
  state.launcher?.remove();
  state.launcher = undefined;

  const api = (input.api || (state.script ? new URL(state.script.src).origin : location.origin)).replace(
    /\/+$/,
    '',
  );
  const options: ResolvedOptions = {
    key: input.key,
    mode: input.mode === 'popup' || input.mode === 'inline' ? input.mode : 'bubble',
    target: input.target,
    locale: input.locale === 'en' || input.locale === 'es' ? input.locale : undefined,
    api,
    transport: input.transport === 'sse' ? 'sse' : 'websocket',
    isPreview: input.preview === true,
    coachName: input.coachName,
  };
  state.options = options;
  state.theme = input.theme;
  state.savedTheme = undefined;
  const unreadKey = unreadStorageKey(options.key);

  if (options.isPreview) {
    state.config = Promise.resolve(null);
  } else {
    state.config = fetch(`${api}/api/v1/widget/config/${encodeURIComponent(options.key)}`)
      .then((response) => (response.ok ? (response.json() as Promise<PublicWidgetConfig>) : null))
      .catch(() => null);
    sendAnalytics(api, options.key, 'widget_loaded', readStorage('local', visitorStorageKey(options.key)));
  }

  void state.config.then((config) => {
    if (state.options !== options) return; // init() was called again meanwhile
    state.savedTheme = config?.theme;
    // No config: an unknown key or a site the creator has not allowed. Nothing to show.
    if (options.mode !== 'bubble' || (!config && !options.isPreview)) return;
    const theme = { ...state.savedTheme, ...state.theme };
    const locale = resolveLocale(options.locale, theme.language ?? 'auto', navigator.language);
    state.launcher = drawLauncher(theme, locale, () => toggle(state));
    state.launcher.setUnread(Number(readStorage('session', unreadKey)) || 0);
  });

  // A tab that already chatted on another page of this site gets the chat back
  // at once, so replies keep arriving (and counting as unread) while it is closed.
  const hasChattedInTab = readStorage('session', unreadKey) !== null && !options.isPreview;
  if (options.mode === 'inline' || state.wantsChat || hasChattedInTab) loadChat(state);
}
