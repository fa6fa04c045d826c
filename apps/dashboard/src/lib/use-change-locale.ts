import type { Locale } from '@companero/contracts';
import { useMutation } from '@tanstack/react-query';
import { applyLocale } from '../i18n/index.ts';
import { api, getSession, setCreator } from './api.ts';

/**
 * Switches the interface language at once; when signed in, also saves it on
 * the account (PATCH /me) so it follows the creator to other devices and
 * into the emails we send.
 */
export function useChangeLocale() {
  return useMutation({
    mutationFn: async (locale: Locale) => {
      applyLocale(locale);
      if (getSession().status === 'signed-in') setCreator(await api.me.update({ locale }));
    },
  });
}
