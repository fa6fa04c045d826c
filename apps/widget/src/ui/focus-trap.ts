const FOCUSABLE =
  'a[href],button:not([disabled]),textarea:not([disabled]),input:not([disabled]):not([type=file]),[tabindex]:not([tabindex="-1"])';

/** The elements Tab can reach inside `container`, in order. */
export const listFocusable = (container: HTMLElement) =>
  [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => !element.closest('[hidden]'));

/**
 * Keeps Tab and Shift+Tab inside a modal dialog: from the last element to the
 * first and back. `root` is the shadow root, whose `activeElement` is the
 * focused element inside it (the document only sees the host).
 */
export function trapFocus(container: HTMLElement, root: ShadowRoot): void {
  container.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab') return;
    const focusable = listFocusable(container);
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    const active = root.activeElement;
    const isOutside = !active || !container.contains(active);
    if (event.shiftKey && (active === first || isOutside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || isOutside)) {
      event.preventDefault();
      first.focus();
    }
  });
}
