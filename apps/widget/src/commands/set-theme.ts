import type { WidgetTheme } from '@companero/contracts';
import type { LoaderState } from '../loader/loader-state.ts';

/**
 * `Companero.setTheme(theme)`: shows another theme at once, over the
 * creator's saved one (the dashboard's live preview). Each call replaces the
 * previous one; fields left out keep the saved (or default) value.
 */
export function setTheme(state: LoaderState, theme: Partial<WidgetTheme>): void {
  state.theme = theme;
  state.launcher?.setTheme({ ...state.savedTheme, ...theme });
  state.chat?.setTheme(theme);
}
