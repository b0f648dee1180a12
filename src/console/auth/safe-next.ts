/**
 * Where to go after signing in: a console path (`/admin` or below) on this site, and nothing that a
 * browser could read as another host (`//evil`, `/\evil`, control characters). Anything else is /admin.
 */
export function safeNext(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 1000) return '/admin';
  if (!raw.startsWith('/admin') || /[\\\u0000-\u001f\u007f]/.test(raw)) return '/admin';
  let url: URL;
  try {
    url = new URL(raw, 'http://console.invalid');
  } catch {
    return '/admin';
  }
  if (url.origin !== 'http://console.invalid') return '/admin';
  if (url.pathname !== '/admin' && !url.pathname.startsWith('/admin/')) return '/admin';
  if (url.pathname === '/admin/sign-out') return '/admin';
  return `${url.pathname}${url.search}`;
}
