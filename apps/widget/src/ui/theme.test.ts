import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME, resolveTheme } from './theme.ts';
import { themeToCssVars } from './theme-vars.ts';

describe('the widget theme', () => {
  it('turns the creator’s colours and size into the CSS variables the chat reads', () => {
    const vars = themeToCssVars(
      resolveTheme({
        primaryColor: '#0f766e',
        textOnPrimary: '#000000',
        background: '#ffffff',
        size: 'large',
      }),
    );
    expect(vars).toMatchObject({
      '--cw-primary': '#0f766e',
      '--cw-on-primary': '#000000',
      '--cw-bg': '#ffffff',
      '--cw-fg': '#111827',
      '--cw-width': '440px',
      '--cw-height': '720px',
    });
  });

  it('writes light text on a dark background', () => {
    expect(themeToCssVars(resolveTheme({ background: '#111827' }))['--cw-fg']).toBe('#f9fafb');
  });

  it('keeps the defaults where a theme says nothing, and lays an override over the saved theme', () => {
    const theme = resolveTheme({ primaryColor: '#123456', title: 'Coach Ana' }, { title: 'Preview title' });
    expect(theme).toEqual({ ...DEFAULT_THEME, primaryColor: '#123456', title: 'Preview title' });
    expect(resolveTheme({ title: 'Coach Ana' }, { title: null }).title).toBeNull();
  });

  it('refuses values that could inject CSS or are not in the list', () => {
    const theme = resolveTheme({
      primaryColor: 'red; } * { display: none } .x {' as string,
      size: 'huge' as 'large',
      position: 'top' as 'left',
    });
    expect(theme.primaryColor).toBe(DEFAULT_THEME.primaryColor);
    expect(theme.size).toBe('standard');
    expect(theme.position).toBe('right');
    expect(Object.values(themeToCssVars(theme)).join('')).not.toContain('display');
  });
});
