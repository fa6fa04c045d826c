import { UpdateWidgetConfigBodySchema, type WidgetConfig, WidgetThemeSchema } from '@companero/contracts';
import { describe, expect, it } from 'vitest';
import { bodyOf, draftOf, previewThemeOf } from './widget-draft.ts';

const config: WidgetConfig = {
  publicKey: 'wk_0123456789abcdefghijklmnopqrstuvwx',
  enabled: true,
  allowedOrigins: ['https://example.com'],
  theme: WidgetThemeSchema.parse({ greeting: 'Hi!' }),
  visitorMessagesPerMinute: 10,
  widgetMessagesPerMinute: 600,
  updatedAt: '2025-01-01T00:00:00Z',
};

describe('widget settings draft', () => {
  it('round-trips the saved settings into a valid body', () => {
    const body = bodyOf(draftOf(config));
    expect(UpdateWidgetConfigBodySchema.parse(body)).toEqual({
      enabled: true,
      allowedOrigins: ['https://example.com'],
      theme: config.theme,
      visitorMessagesPerMinute: 10,
      widgetMessagesPerMinute: 600,
    });
  });

  it('sends emptied texts as null and an emptied number as missing', () => {
    const draft = draftOf(config);
    draft.theme.greeting = '  ';
    draft.visitorMessagesPerMinute = '';
    const body = bodyOf(draft);
    expect(body.theme.greeting).toBeNull();
    const result = UpdateWidgetConfigBodySchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['visitorMessagesPerMinute']);
  });

  it('previews valid changes and keeps the saved value for a half-typed one', () => {
    const draft = draftOf(config);
    draft.theme.primaryColor = '#12';
    draft.theme.greeting = 'Welcome!';
    const theme = previewThemeOf(draft, config.theme);
    expect(theme.primaryColor).toBe(config.theme.primaryColor);
    expect(theme.greeting).toBe('Welcome!');
  });
});
