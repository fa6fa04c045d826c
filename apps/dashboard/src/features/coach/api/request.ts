import { ApiError } from '@companero/api-client';
import { apiFetch } from '../../../lib/api.ts';

/** Anything with Zod's `parse`: the contracts' schemas. */
interface Parser<T> {
  parse(data: unknown): T;
}

export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  /** Omitted for answers without a body (204). */
  schema?: Parser<T>;
  signal?: AbortSignal | undefined;
}

/**
 * One JSON call to an AI coach endpoint, its answer checked against the
 * contracts schema like the typed client does. The typed client
 * (`@companero/api-client`) has no `assistant` section yet; when it gets one
 * these calls move there.
 */
export async function requestJson<T = void>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const { method = 'GET', body, query = {}, schema, signal } = options;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const res = await apiFetch(`${path}${params.size > 0 ? `?${params}` : ''}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...(signal ? { signal } : {}),
  });
  if (!schema) return undefined as T;
  try {
    return schema.parse(await res.json());
  } catch (cause) {
    throw ApiError.synthetic(res.status, `Unexpected answer from ${method} ${path}`, {
      code: 'INTERNAL',
      cause,
    });
  }
}
