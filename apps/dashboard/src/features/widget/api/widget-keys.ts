/** Query keys of the widget settings. */
export const widgetKeys = {
  all: ['widget'] as const,
  config: () => [...widgetKeys.all, 'config'] as const,
  coachName: () => [...widgetKeys.all, 'coach-name'] as const,
};
