/**
 * A module loaded on first use instead of at start, for what a process may never need (MJML, argon2, the
 * importers, the bounce mailbox, preflight): each adds 10-60 MB to a process once loaded, and the API
 * process of most deployments never uses most of them.
 *   const loadMjml = lazy(() => import('mjml'));   …   const { default: mjml2html } = await loadMjml();
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load();
    return loading;
  };
}
