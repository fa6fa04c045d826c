import type { UpdateMeBody } from '@companero/contracts';
import { useMutation } from '@tanstack/react-query';
import { applyLocale } from '../../../i18n/index.ts';
import { api, setCreator } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';

export const updateMe = (body: UpdateMeBody) => api.me.update(body);

/** Saves name and language; the saved language becomes the interface language at once. */
export const useUpdateMe = ({ mutationConfig }: { mutationConfig?: MutationConfig<typeof updateMe> } = {}) =>
  useMutation({
    ...mutationConfig,
    mutationFn: updateMe,
    onSuccess: (creator, ...rest) => {
      setCreator(creator);
      applyLocale(creator.locale);
      return mutationConfig?.onSuccess?.(creator, ...rest);
    },
  });
