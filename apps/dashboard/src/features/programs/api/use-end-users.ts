import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { programKeys } from './program-keys.ts';

/** Enough end users to pick one by name (the list is newest first). */
const END_USERS_LIMIT = 100;

export const getEndUsers = (signal?: AbortSignal) =>
  api.endUsers.list({ limit: END_USERS_LIMIT }, signal ? { signal } : undefined);

/** The creator's end users, for the "Enroll a user" picker. */
export const getEndUsersQueryOptions = () =>
  queryOptions({ queryKey: programKeys.endUsers(), queryFn: ({ signal }) => getEndUsers(signal) });

export const useEndUsers = ({ enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({ ...getEndUsersQueryOptions(), enabled });
