// Who the page is, from GET /api/v1/session: the caller (loopback owner, API token, or a browser session), its scope,
// and the CSRF token writes must carry. A 401 means the daemon wants a token: the page shows the sign-in form.
// A read scope sees everything and no button that writes: components ask canWrite() / useCanWrite(), or use
// <WriteButton> from components/buttons.js, which renders nothing for read.
import { get, onUnauthorized, post, setCsrfToken } from './api.js';
import { createStore, useStore } from './store.js';

/** { state: 'loading' | 'ready' | 'signin' | 'error', session, error } */
export const sessionStore = createStore({ state: 'loading', session: null, error: null });

export async function loadSession() {
  try {
    const session = await get('/api/v1/session', { quiet401: true });
    setCsrfToken(session.csrf_token);
    sessionStore.set({ state: 'ready', session, error: null });
  } catch (error) {
    setCsrfToken(null);
    sessionStore.set(error.status === 401
      ? { state: 'signin', session: null, error: null }
      : { state: 'error', session: null, error });
  }
}

onUnauthorized(() => {
  if (sessionStore.get().state === 'ready') {
    setCsrfToken(null);
    sessionStore.set({ state: 'signin', session: null, error: null });
  }
});

export async function signIn(token) {
  await post('/auth/sign-in', { token: token.trim() }, { quiet401: true });
  await loadSession();
}

export async function signOut() {
  await post('/auth/sign-out', {});
  setCsrfToken(null);
  sessionStore.set({ state: 'signin', session: null, error: null });
}

export function canWrite(session = sessionStore.get().session) {
  return !!session && session.scope !== 'read';
}

export function useSession() {
  return useStore(sessionStore).session;
}

export function useCanWrite() {
  return canWrite(useStore(sessionStore).session);
}
