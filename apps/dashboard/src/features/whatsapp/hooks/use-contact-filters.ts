import { useSearchParams } from 'react-router';
import type { ContactFilters } from '../api/get-contacts.ts';

export const CONSENT_FILTERS = ['opted_in', 'opted_out', 'unknown'] as const;
type ConsentFilter = (typeof CONSENT_FILTERS)[number];
const isConsentFilter = (value: string | null): value is ConsentFilter =>
  (CONSENT_FILTERS as readonly (string | null)[]).includes(value);

/** The filters live in the address (`?tag=…&consent=…`), so a filtered list can be shared and reloaded. */
export function useContactFilters() {
  const [params, setParams] = useSearchParams();
  const tag = params.get('tag')?.trim() || undefined;
  const consent = params.get('consent');
  const filters: ContactFilters = {
    ...(tag ? { tag } : {}),
    ...(isConsentFilter(consent) ? { consent } : {}),
  };
  const update = (patch: { tag?: string; consent?: string }) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(patch)) {
          if (value?.trim()) next.set(key, value.trim());
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  return { filters, update };
}
