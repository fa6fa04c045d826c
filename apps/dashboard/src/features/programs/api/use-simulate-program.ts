import type { SimulateBody } from '@companero/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';

/**
 * Runs a definition as a virtual user on a virtual clock; nothing is stored. The
 * editor's draft may be unsaved, so the caller always sends the definition it shows.
 */
export const simulateProgram = ({ programId, body }: { programId: string; body: SimulateBody }) =>
  api.programs.simulate(programId, body);

export const useSimulateProgram = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof simulateProgram>;
} = {}) => useMutation({ ...mutationConfig, mutationFn: simulateProgram });
