import { createRoute, z } from '@hono/zod-openapi';
import type { AdminSessionStore } from '@support/api-keys';
import { isAppError } from '@support/db';
import { DASHBOARD_CSP } from '../admin/layout.js';
import { ADMIN_PATH, clearSessionCookie, readSessionCookie, setSessionCookie } from '../admin/session-cookie.js';
import { signInPage } from '../admin/sign-in-page.js';
import { defineRoute } from '../define-route.js';

const Page = { 'text/html': { schema: z.string() } };
const SeeOther = { 303: { description: 'To the dashboard, or to the sign-in form' } };

const signInForm = createRoute({
  method: 'get',
  path: `${ADMIN_PATH}/sign-in`,
  operationId: 'adminSignInForm',
  hide: true,
  responses: { 200: { description: 'The sign-in form', content: Page } },
});

const signIn = createRoute({
  method: 'post',
  path: `${ADMIN_PATH}/sign-in`,
  operationId: 'adminSignIn',
  hide: true,
  request: {
    body: {
      required: true,
      content: { 'application/x-www-form-urlencoded': { schema: z.object({ key: z.string().max(300).optional() }) } },
    },
  },
  responses: {
    ...SeeOther,
    401: { description: 'Unknown key', content: Page },
    403: { description: 'Not an admin key', content: Page },
  },
});

const signOut = createRoute({
  method: 'post',
  path: `${ADMIN_PATH}/sign-out`,
  operationId: 'adminSignOut',
  hide: true,
  responses: SeeOther,
});

/**
 * The dashboard's sign-in and sign-out. The form posts an admin API key (never in a URL); it is
 * exchanged for a random session token in an HttpOnly, SameSite=Strict cookie on /admin, stored
 * hashed. Signing out deletes the session row, so a copied cookie is refused afterwards.
 */
export function adminSessionRoutes({ sessions }: { sessions: AdminSessionStore }) {
  return [
    defineRoute({
      access: 'public',
      route: signInForm,
      handler: (c) => {
        c.header('Content-Security-Policy', DASHBOARD_CSP);
        return c.html(signInPage(), 200);
      },
    }),
    defineRoute({
      // Public: this is where a session comes from. The guard still holds a POST to the same origin.
      access: 'public',
      route: signIn,
      handler: async (c) => {
        c.header('Content-Security-Policy', DASHBOARD_CSP);
        const key = c.req.valid('form').key?.trim() ?? '';
        if (key === '') return c.html(signInPage('Enter an admin API key.'), 401);
        try {
          const session = await sessions.signIn(key);
          setSessionCookie(c, session.token, session.expiresAt);
          c.var.log.info({ keyId: session.keyId }, 'admin.signed_in');
          return c.redirect(ADMIN_PATH, 303);
        } catch (error) {
          if (!isAppError(error) || (error.code !== 'unauthorized' && error.code !== 'forbidden')) throw error;
          const message =
            error.code === 'forbidden' ? 'This key does not have the admin scope.' : 'Unknown or revoked key.';
          return c.html(signInPage(message), error.code === 'forbidden' ? 403 : 401);
        }
      },
    }),
    defineRoute({
      access: { session: 'admin' },
      route: signOut,
      handler: async (c) => {
        const token = readSessionCookie(c);
        if (token !== undefined) await sessions.signOut(token);
        clearSessionCookie(c);
        c.var.log.info({ keyId: c.var.adminSession.keyId }, 'admin.signed_out');
        return c.redirect(`${ADMIN_PATH}/sign-in`, 303);
      },
    }),
  ];
}
