import type { SignupBody } from '@companero/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';

export const signUp = (body: SignupBody) => api.auth.signup(body);

export const useSignUp = ({ mutationConfig }: { mutationConfig?: MutationConfig<typeof signUp> } = {}) =>
  useMutation({ ...mutationConfig, mutationFn: signUp });
