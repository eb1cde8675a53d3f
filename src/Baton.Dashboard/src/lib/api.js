// The dashboard's only way to the daemon: the same REST API every client uses.
// Errors are RFC 9457 problem details; ApiError.message is the problem's detail (what to do about it), which the
// page shows as it is. Every write carries the session's CSRF token, which the daemon requires of cookie sessions.
let csrfToken = null;
const unauthorizedListeners = new Set();

export function setCsrfToken(token) {
  csrfToken = token || null;
}

/** Called with no argument when a request is refused with 401 (the session ended): the page shows the sign-in form. */
export function onUnauthorized(listener) {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export class ApiError extends Error {
  constructor(status, problem, fallback) {
    super(problem?.detail || problem?.title || fallback || `The daemon answered ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem || null;
  }
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function request(path, { method = 'GET', body, signal, text = false, quiet401 = false } = {}) {
  const headers = { Accept: text ? 'text/plain, application/json;q=0.5' : 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (!READS.has(method) && csrfToken) headers['X-Baton-Csrf'] = csrfToken;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
    });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new ApiError(0, null, 'The daemon cannot be reached; is baton serve running?');
  }
  if (!response.ok) {
    let problem = null;
    try {
      const type = response.headers.get('content-type') || '';
      if (type.includes('json')) problem = await response.json();
      else {
        const said = (await response.text()).trim();
        if (said) problem = { detail: said.slice(0, 500) };
      }
    } catch {
      // No readable body: the status says enough.
    }
    if (response.status === 401 && !quiet401) for (const listener of [...unauthorizedListeners]) listener();
    throw new ApiError(response.status, problem, response.statusText && `${response.status} ${response.statusText}`);
  }
  if (response.status === 204 || response.status === 205) return null;
  const type = response.headers.get('content-type') || '';
  if (type.includes('json')) return response.json();
  return response.text();
}

// Reads started before the page asked for them (see prefetch), each handed out once.
const early = new Map();

/**
 * Starts GETs the first page will make, while the page still waits for its session: a plain GET needs no CSRF token,
 * and the answer is used only if the page asks for the same path soon (a refused one is simply asked again).
 */
export function prefetch(paths) {
  for (const path of paths) {
    const answer = request(path, { quiet401: true });
    answer.catch(() => {});
    early.set(path, answer);
    setTimeout(() => early.delete(path), 10000);
  }
}

export const get = (path, options) => {
  const answer = !options && early.get(path);
  if (answer) {
    early.delete(path);
    return answer.catch(() => request(path, options));
  }
  return request(path, options);
};
export const getText = (path, options) => request(path, { ...options, text: true });
export const post = (path, body = {}, options) => request(path, { ...options, method: 'POST', body });

/** A query string from an object, leaving out empty values; arrays repeat the key joined by commas. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const enc = encodeURIComponent;
