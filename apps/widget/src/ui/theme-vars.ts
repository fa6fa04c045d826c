import type { WidgetTheme } from '@companero/contracts';

const PANEL_SIZES: Record<WidgetTheme['size'], { width: number; height: number }> = {
  compact: { width: 340, height: 480 },
  standard: { width: 380, height: 600 },
  large: { width: 440, height: 720 },
};

/** Relative luminance of a #rrggbb colour (WCAG 2). */
function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/**
 * The custom properties the chat's stylesheet reads. The creator picks the
 * brand colours; the text and bubble colours follow from the background so a
 * dark background still gets readable text.
 *
 * @example
 * themeToCssVars(resolveTheme({ primaryColor: '#0f766e' }))['--cw-primary']; // '#0f766e'
 */
export function themeToCssVars(theme: WidgetTheme): Record<string, string> {
  const isDark = luminance(theme.background) < 0.35;
  const size = PANEL_SIZES[theme.size];
  return {
    '--cw-primary': theme.primaryColor,
    '--cw-on-primary': theme.textOnPrimary,
    '--cw-bg': theme.background,
    '--cw-fg': isDark ? '#f9fafb' : '#111827',
    '--cw-muted': isDark ? '#cbd5e1' : '#4b5563',
    '--cw-bubble': isDark ? 'rgba(255,255,255,.12)' : '#f1f5f9',
    '--cw-border': isDark ? 'rgba(255,255,255,.2)' : '#d1d5db',
    '--cw-width': `${size.width}px`,
    '--cw-height': `${size.height}px`,
  };
}
