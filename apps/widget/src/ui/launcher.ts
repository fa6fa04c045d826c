import type { WidgetTheme } from '@companero/contracts';
import type { Launcher, Locale } from '../bridge.ts';
import { adoptStyles, pinHost } from './dom.ts';
import { CLOSE_ICON, icon, LAUNCHER_ICONS } from './icons.ts';

// The loader's only strings (the chat's are in i18n.ts, which stays out of loader.js).
const LABELS: Record<Locale, [open: string, close: string, unread: string]> = {
  en: ['Open chat', 'Close chat', 'unread'],
  es: ['Abrir chat', 'Cerrar chat', 'sin leer'],
};

// No transitions or animations, so nothing to turn off for prefers-reduced-motion.
const STYLES =
  'button{all:initial;position:relative;display:flex;align-items:center;justify-content:center;width:60px;height:60px;border-radius:50%;background:var(--bg,#4f46e5);color:var(--fg,#fff);cursor:pointer;box-shadow:0 6px 24px rgba(0,0,0,.3)}' +
  'button:focus-visible{box-shadow:0 0 0 3px #fff,0 0 0 6px #111}' +
  '.badge{position:absolute;top:-4px;right:-4px;min-width:22px;padding:0 6px;border-radius:11px;box-sizing:border-box;background:#dc2626;color:#fff;font:700 12px/22px system-ui,sans-serif;text-align:center}';

/**
 * The round button in the page's corner (bubble mode): the one piece of UI
 * loader.js draws, in its own shadow root. Shows the unread count from the
 * chat and swaps to a close icon while the chat is open.
 */
export function drawLauncher(theme: Partial<WidgetTheme>, locale: Locale, onClick: () => void): Launcher {
  const host = document.createElement('companero-launcher');
  const root = host.attachShadow({ mode: 'open' });
  // Built by hand rather than with `el()`: that helper would add to the loader's 3 KB.
  const badge = document.createElement('span');
  const button = document.createElement('button');
  badge.className = 'badge';
  badge.setAttribute('aria-hidden', 'true');
  button.type = 'button';
  const [openLabel, closeLabel, unreadLabel] = LABELS[locale];
  let isOpen = false;
  let unread = 0;
  let current = theme;

  adoptStyles(root, [STYLES]);
  button.addEventListener('click', onClick);
  root.append(button);

  const paint = () => {
    pinHost(host, {
      display: 'block',
      position: 'fixed',
      bottom: '20px',
      [current.position === 'left' ? 'left' : 'right']: '20px',
      'z-index': '2147483000',
    });
    // Custom properties set through the CSSOM cannot break out of their value;
    // one that is not a colour leaves the stylesheet's fallback in place.
    button.style.setProperty('--bg', current.primaryColor ?? '');
    button.style.setProperty('--fg', current.textOnPrimary ?? '');
    button.setAttribute('aria-expanded', String(isOpen));
    button.setAttribute(
      'aria-label',
      isOpen ? closeLabel : unread > 0 ? `${openLabel} (${unread} ${unreadLabel})` : openLabel,
    );
    badge.textContent = unread > 99 ? '99+' : String(unread);
    badge.hidden = unread === 0 || isOpen;
    button.replaceChildren(
      icon(isOpen ? CLOSE_ICON : (LAUNCHER_ICONS[current.launcherIcon ?? 'chat'] ?? LAUNCHER_ICONS.chat), 28),
      badge,
    );
  };
  paint();
  document.body.append(host);

  return {
    setOpen(next) {
      isOpen = next;
      paint();
    },
    setUnread(count) {
      unread = count;
      paint();
    },
    setTheme(next) {
      current = next;
      paint();
    },
    focus: () => button.focus(),
    remove: () => host.remove(),
  };
}
