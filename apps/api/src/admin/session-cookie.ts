import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/** The dashboard's session cookie; sent back only to /admin pages. */
export const SESSION_COOKIE = 'copilot_admin';
export const ADMIN_PATH = '/admin';

// Secure whenever the browser reached us over https (directly or through a proxy that says so):
// over plain http on localhost a Secure cookie would never come back.
const overHttps = (c: Context) =>
  new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

/** Sets the session cookie: HttpOnly (no script reads it), SameSite=Strict, Path=/admin, Secure over https. */
export function setSessionCookie(c: Context, token: string, expiresAt: Date): void {
  setCookie(c, SESSION_COOKIE, token, {
    path: ADMIN_PATH,
    httpOnly: true,
    sameSite: 'Strict',
    secure: overHttps(c),
    expires: expiresAt,
  });
}

/** The session token the browser sent, if any. */
export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/** Tells the browser to drop the cookie (the session itself is deleted server-side). */
export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: ADMIN_PATH, httpOnly: true, sameSite: 'Strict', secure: overHttps(c) });
}
