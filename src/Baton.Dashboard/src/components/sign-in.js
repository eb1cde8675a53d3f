// The daemon wants a token: take an API token once, and the daemon keeps a session cookie for this browser.
import { html } from '../lib/html.js';
import { useState } from 'preact/hooks';
import { signIn } from '../lib/session.js';

export function SignIn() {
  const [token, setToken] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  async function submit(e) {
    e.preventDefault();
    if (!token.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await signIn(token);
    } catch (err) {
      setError(err.message);
    } finally {
      setBusy(false);
    }
  }
  return html`<main class="signin" id="main">
    <form class="card signin-card" onSubmit=${submit} data-testid="sign-in">
      <h1>Sign in to Baton</h1>
      <p class="muted">This daemon requires an API token. Paste one (<code>baton token create</code> makes one), or open the
        link <code>baton dashboard</code> prints.</p>
      <label for="token">API token</label>
      <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" placeholder="baton_…"
        value=${token} onInput=${(e) => setToken(e.currentTarget.value)} data-testid="sign-in-token" />
      ${error ? html`<p class="form-error" role="alert">${error}</p>` : null}
      <button type="submit" class="btn btn-primary" disabled=${busy} data-testid="sign-in-submit">${busy ? 'Signing in…' : 'Sign in'}</button>
    </form>
  </main>`;
}
