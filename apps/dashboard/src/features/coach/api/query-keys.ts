/** Every AI coach query key, in one place so a change can refresh exactly what it touched. */
export const coachKeys = {
  all: ['coach'] as const,
  status: () => [...coachKeys.all, 'status'] as const,
  personality: () => [...coachKeys.all, 'personality'] as const,
  settings: () => [...coachKeys.all, 'settings'] as const,
  corrections: () => [...coachKeys.all, 'corrections'] as const,
  alerts: () => [...coachKeys.all, 'alerts'] as const,
  alertList: (filter: 'open' | 'all') => [...coachKeys.alerts(), 'list', filter] as const,
  openAlertCount: () => [...coachKeys.alerts(), 'open-count'] as const,
};
