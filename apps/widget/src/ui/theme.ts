import type { WidgetTheme } from '@companero/contracts';

/** `WidgetThemeSchema`'s defaults (the widget never bundles zod, so they are repeated here). */
export const DEFAULT_THEME: WidgetTheme = {
  primaryColor: '#4f46e5',
  textOnPrimary: '#ffffff',
  background: '#ffffff',
  position: 'right',
  size: 'standard',
  launcherIcon: 'chat',
  title: null,
  subtitle: null,
  greeting: null,
  avatarUrl: null,
  customCss: '',
  language: 'auto',
};

const HEX = /^#[0-9a-f]{6}$/i;
const ONE_OF: { [K in keyof WidgetTheme]?: readonly string[] } = {
  position: ['right', 'left'],
  size: ['compact', 'standard', 'large'],
  launcherIcon: ['chat', 'sparkle', 'heart', 'help'],
  language: ['auto', 'en', 'es'],
};

/**
 * The defaults, then the creator's saved theme, then an override (`setTheme`).
 * A value of the wrong shape is skipped rather than trusted: colours end up in
 * CSS custom properties, where `red; } * { display: none` would be CSS
 * injection, and `setTheme` takes whatever the embedding page passes.
 */
export function resolveTheme(...layers: Array<Partial<WidgetTheme> | null | undefined>): WidgetTheme {
  const theme: Record<string, unknown> = { ...DEFAULT_THEME };
  for (const layer of layers) {
    for (const [name, value] of Object.entries(layer ?? {})) {
      if (!(name in DEFAULT_THEME) || value === undefined || !isValid(name as keyof WidgetTheme, value))
        continue;
      theme[name] = value;
    }
  }
  return theme as WidgetTheme;
}

function isValid(name: keyof WidgetTheme, value: unknown): boolean {
  const allowed = ONE_OF[name];
  if (allowed) return allowed.includes(value as string);
  if (name.endsWith('Color') || name === 'background') return typeof value === 'string' && HEX.test(value);
  if (name === 'customCss') return typeof value === 'string';
  return value === null || typeof value === 'string';
}
