// JSON over the hall's /api/v1, the way every page calls it: one function,
// errors as ApiError carrying the server's code, message and field.

export class ApiError extends Error {
  // status: the HTTP status, 0 when the server could not be reached.
  constructor(status, code, message, details = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details ?? {};
    this.field = this.details.field ?? '';
  }
}

// The signed-in session's CSRF token (session.js sets it): sent with every
// request that changes something, as the server requires.
let csrfToken = '';
export function setCsrfToken(token) {
  csrfToken = token ?? '';
}

// Resolves to the parsed body (null for 204); rejects with ApiError.
export async function api(path, { method = 'GET', body, authorization, timeoutMs = 10000 } = {}) {
  const headers = { Accept: 'application/json' };
  if (authorization) headers.Authorization = authorization;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrfToken && method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'same-origin',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', String(e?.message ?? e));
  }
  if (response.status === 204) return null;
  let parsed = null;
  try {
    parsed = await response.json();
  } catch (e) {
    parsed = null;
  }
  if (!response.ok) {
    const error = parsed?.error ?? {};
    throw new ApiError(response.status, error.code ?? `HTTP_${response.status}`,
                       error.message ?? response.statusText, error.details);
  }
  return parsed;
}
