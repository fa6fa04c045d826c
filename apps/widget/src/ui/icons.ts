// 24×24 paths (chat, attach and send from Material Icons, Apache 2.0), filled even-odd. Separate constants so each
// bundle only carries the ones it draws (the loader has a 3 KB budget).
export const LAUNCHER_ICONS = {
  chat: 'M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2z',
  sparkle: 'M12 2l2.4 7.6L22 12l-7.6 2.4L12 22l-2.4-7.6L2 12l7.6-2.4z',
  heart: 'M12 21 3.5 12.5A5.3 5.3 0 0 1 12 5.5a5.3 5.3 0 0 1 8.5 7z',
  help: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm-1 15h2v2h-2zm1-11a4 4 0 0 0-4 4h2a2 2 0 1 1 2 2 1 1 0 0 0-1 1v2h2v-1.2A4 4 0 0 0 12 6z',
};

export const CLOSE_ICON =
  'M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12 19 6.4 17.6 5 12 10.6z';
export const ATTACH_ICON =
  'M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6z';
export const SEND_ICON = 'M2.01 21L23 12 2.01 3 2 10l15 2-15 2z';

const SVG = 'http://www.w3.org/2000/svg';

/** A decorative icon (hidden from screen readers: its button carries the label). */
export function icon(path: string, size = 24): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  const shape = document.createElementNS(SVG, 'path');
  const attributes = {
    viewBox: '0 0 24 24',
    width: size,
    height: size,
    'aria-hidden': true,
    focusable: false,
  };
  for (const [name, value] of Object.entries(attributes)) svg.setAttribute(name, String(value));
  for (const [name, value] of Object.entries({ d: path, fill: 'currentColor', 'fill-rule': 'evenodd' })) {
    shape.setAttribute(name, value);
  }
  svg.append(shape);
  return svg;
}
