import type { CompaneroApi, Locale, TransportKind, WidgetMode } from './bridge.ts';
import { close } from './commands/close.ts';
import { identify } from './commands/identify.ts';
import { init } from './commands/init.ts';
import { on } from './commands/on.ts';
import { open } from './commands/open.ts';
import { reset } from './commands/reset.ts';
import { setTheme } from './commands/set-theme.ts';
import { toggle } from './commands/toggle.ts';
import { createLoaderState } from './loader/loader-state.ts';

// loader.js: the snippet a creator pastes. It defines `window.Companero`,
// draws the launcher and loads chat.js when the visitor opens the chat.
// `currentScript` is only set while this file first runs, so it is read here.
const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;

// Pasted twice (a theme and a plugin both adding it): the first copy wins.
if (!window.Companero) {
  const state = createLoaderState(script);
  const api: CompaneroApi = {
    init: (options) => init(state, options),
    open: () => open(state),
    close: () => close(state),
    toggle: () => toggle(state),
    identify: (input) => identify(state, input),
    reset: () => reset(state),
    setTheme: (theme) => setTheme(state, theme),
    on: (event, listener) => on(state, event, listener),
  };
  window.Companero = api;

  const data = script?.dataset;
  if (data?.key) {
    init(state, {
      key: data.key,
      mode: data.mode as WidgetMode | undefined,
      target: data.target,
      locale: data.locale as Locale | undefined,
      api: data.api,
      transport: data.transport as TransportKind | undefined,
    });
  }
}
