import type { CookieSerializeOptions } from '@fastify/cookie';
import type { Config } from '../../config.js';

/** The cookie that carries a console session's token. */
export const SESSION_COOKIE = 'labdigest_session';
/** The cookie the sign-in and setup forms' CSRF token is bound to, before there is a session. */
export const PRESESSION_COOKIE = 'labdigest_presession';

/** HttpOnly, SameSite=Lax, only under /admin, Secure when the console is served over https. */
export function consoleCookieOptions(config: Pick<Config, 'PUBLIC_URL'>, maxAgeSeconds?: number): CookieSerializeOptions {
  return {
    path: '/admin',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.PUBLIC_URL.startsWith('https://'),
    ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}),
  };
}
