/** A failed call to the api: the HTTP status (0 when the network failed) and the problem's `code`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * Calls the api and answers the JSON body, or throws an `ApiError` carrying
 * the problem's code (`ORIGIN_NOT_ALLOWED`, `RATE_LIMITED`...). No cookies are
 * sent: the widget runs on other sites, and its only credential is the
 * visitor token it passes as a header.
 */
export async function requestJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  if (typeof init.body === 'string') headers.set('content-type', 'application/json');
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers, credentials: 'omit' });
  } catch (error) {
    throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : 'network error');
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string };
    throw new ApiError(
      response.status,
      problem.code ?? `HTTP_${response.status}`,
      problem.detail ?? response.statusText,
    );
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}
