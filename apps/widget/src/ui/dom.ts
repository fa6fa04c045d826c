type Attributes = Record<string, string | number | boolean | undefined>;

/**
 * Builds an element. Text goes in as text nodes only: user, visitor and AI text
 * can never become markup, whatever it contains. `false`/`undefined`
 * attributes are left out; `true` ones are set empty.
 *
 * @example
 * el('button', { type: 'button', 'aria-label': 'Send' }, 'Send');
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Array<Node | string | null | undefined | false>
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/**
 * Installs stylesheets in a shadow root. Constructed stylesheets are not
 * `<style>` elements, so a host page's CSP without `style-src 'unsafe-inline'`
 * does not block them; `<style>` is the fallback for older browsers.
 */
export function adoptStyles(root: ShadowRoot, texts: string[]): void {
  try {
    root.adoptedStyleSheets = texts.map((text) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      return sheet;
    });
  } catch {
    for (const text of texts) {
      const style = document.createElement('style');
      style.textContent = text;
      root.append(style);
    }
  }
}

/**
 * Styles a shadow host so the page's CSS cannot hide, move or restyle it:
 * `all: initial` also stops inherited properties (font, colour, line height)
 * from crossing into the shadow tree, and inline `!important` outranks even a
 * page's `div { display: none !important }` or `* { all: unset !important }`.
 */
export function pinHost(host: HTMLElement, declarations: Record<string, string>): void {
  host.style.cssText = '';
  host.style.setProperty('all', 'initial', 'important');
  for (const [name, value] of Object.entries(declarations)) host.style.setProperty(name, value, 'important');
}
