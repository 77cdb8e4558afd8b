import { html } from 'hono/html';
import { type Html, page } from './layout.js';
import { ADMIN_PATH } from './session-cookie.js';

/** The sign-in form: an admin API key, posted (never in the URL), exchanged for a session cookie. */
export function signInPage(message?: string): Html {
  return page(
    'Sign in',
    html`<main class="sign-in">
<h1>Support copilot dashboard</h1>
<p>Sign in with an API key that has the <code>admin</code> scope (<code>pnpm kb keys create --scopes admin --audience agent</code>).</p>
${message === undefined ? '' : html`<p class="error" role="alert">${message}</p>`}
<form method="post" action="${ADMIN_PATH}/sign-in" autocomplete="off">
<label for="key">Admin API key</label>
<input id="key" name="key" type="password" required autofocus spellcheck="false" placeholder="sc_…">
<button type="submit">Sign in</button>
</form>
</main>`,
  );
}
