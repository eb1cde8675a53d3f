// The live stream's state, always visible in the header: live, reconnecting…, catching up.
import { html } from '../lib/html.js';
import { connectionStore } from '../lib/events.js';
import { useStore } from '../lib/store.js';

const TEXT = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', 'catching-up': 'catching up…' };

export function ConnectionState() {
  const state = useStore(connectionStore);
  return html`<span class=${`conn conn-${state}`} data-testid="conn-state" data-state=${state} role="status"
    title=${state === 'live' ? 'Live updates from the daemon' : 'Live updates are paused; the page catches up when the connection returns'}>
    <span class="conn-dot" aria-hidden="true"></span>${TEXT[state] || state}
  </span>`;
}

/** A banner under the header while the stream is down, so a stale page is never mistaken for a quiet one. */
export function ConnectionBanner() {
  const state = useStore(connectionStore);
  if (state !== 'reconnecting') return null;
  return html`<div class="banner banner-warn" data-testid="reconnect-banner" role="status">
    Lost the connection to the daemon: reconnecting… The page catches up on everything it missed when it is back.
  </div>`;
}
