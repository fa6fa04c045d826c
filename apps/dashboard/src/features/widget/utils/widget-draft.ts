import { type WidgetConfig, type WidgetTheme, WidgetThemeSchema } from '@companero/contracts';

/** The settings form as typed: text fields are strings ('' for none), numbers too until saved. */
export interface WidgetDraft {
  enabled: boolean;
  allowedOrigins: string[];
  theme: {
    [K in keyof WidgetTheme]: WidgetTheme[K] extends string ? WidgetTheme[K] : string;
  };
  visitorMessagesPerMinute: string;
  widgetMessagesPerMinute: string;
}

export const draftOf = (config: WidgetConfig): WidgetDraft => ({
  enabled: config.enabled,
  allowedOrigins: [...config.allowedOrigins],
  theme: {
    ...config.theme,
    title: config.theme.title ?? '',
    subtitle: config.theme.subtitle ?? '',
    greeting: config.theme.greeting ?? '',
    avatarUrl: config.theme.avatarUrl ?? '',
  },
  visitorMessagesPerMinute: String(config.visitorMessagesPerMinute),
  widgetMessagesPerMinute: String(config.widgetMessagesPerMinute),
});

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());
/** An empty box is not "no change": NaN fails the schema, which then asks for a number. */
const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

const themeOf = (theme: WidgetDraft['theme']) => ({
  ...theme,
  title: orNull(theme.title),
  subtitle: orNull(theme.subtitle),
  greeting: orNull(theme.greeting),
  avatarUrl: orNull(theme.avatarUrl),
});

/** The PATCH body for a draft, to check with `UpdateWidgetConfigBodySchema` before sending. */
export const bodyOf = (draft: WidgetDraft) => ({
  enabled: draft.enabled,
  allowedOrigins: draft.allowedOrigins,
  theme: themeOf(draft.theme),
  visitorMessagesPerMinute: numberOf(draft.visitorMessagesPerMinute),
  widgetMessagesPerMinute: numberOf(draft.widgetMessagesPerMinute),
});

/**
 * The theme for the live preview: the draft where it is valid, the saved
 * value where it is not yet (a half-typed colour must not break the widget).
 */
export function previewThemeOf(draft: WidgetDraft, saved: WidgetTheme): WidgetTheme {
  const candidate: Record<string, unknown> = themeOf(draft.theme);
  const first = WidgetThemeSchema.safeParse(candidate);
  if (first.success) return first.data;
  for (const issue of first.error.issues) {
    const key = issue.path[0];
    if (typeof key === 'string' && key in saved) candidate[key] = saved[key as keyof WidgetTheme];
  }
  const second = WidgetThemeSchema.safeParse(candidate);
  return second.success ? second.data : saved;
}
