import type { WidgetTheme } from '@companero/contracts';

/** The part of the widget's global (`apps/widget`) the preview uses. */
export interface CompaneroWidget {
  init(options: {
    key: string;
    mode: 'inline';
    target: HTMLElement;
    preview: true;
    theme: WidgetTheme;
    /** The name the header shows when the theme has no title. */
    coachName?: string;
  }): unknown;
  setTheme(theme: WidgetTheme): unknown;
}

const LOADER_SRC = '/widget/loader.js';

const globalWidget = (): Partial<CompaneroWidget> | undefined =>
  (window as unknown as { Companero?: Partial<CompaneroWidget> }).Companero;

const isUsable = (widget: Partial<CompaneroWidget> | undefined): widget is CompaneroWidget =>
  typeof widget?.init === 'function' && typeof widget.setTheme === 'function';

let loading: Promise<CompaneroWidget> | undefined;

/**
 * Loads the widget's loader script once per page, from this same server (the
 * dashboard's CSP allows its own scripts only). Rejects when the file is
 * missing (the widget was not built) or does not define the global; a later
 * call tries again.
 */
export function loadWidgetScript(): Promise<CompaneroWidget> {
  const ready = globalWidget();
  if (isUsable(ready)) return Promise.resolve(ready);
  loading ??= new Promise<CompaneroWidget>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = LOADER_SRC;
    script.async = true;
    script.onload = () => {
      const widget = globalWidget();
      if (isUsable(widget)) resolve(widget);
      else reject(new Error(`${LOADER_SRC} did not define Companero.init and setTheme`));
    };
    script.onerror = () => {
      script.remove();
      reject(new Error(`${LOADER_SRC} could not be loaded`));
    };
    document.head.append(script);
  }).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
