import type { UseMutationOptions } from '@tanstack/react-query';

/** Options a feature's mutation hook accepts from its caller (everything but the fetcher). */
export type MutationConfig<Fn extends (arg: never) => Promise<unknown>> = Omit<
  UseMutationOptions<Awaited<ReturnType<Fn>>, Error, Parameters<Fn>[0]>,
  'mutationFn'
>;
