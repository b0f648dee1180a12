// Progressive enhancement only: every console page works without this file.
(() => {
  // Pages with live figures (a digest in progress) carry data-refresh-url and data-refresh-seconds: reload
  // that part in place. With data-reload-when-final, the whole page reloads once the figures settle, so the
  // parts that depend on the status (review, approval, actions) follow; a one-time ?done= notice is dropped.
  for (const el of document.querySelectorAll('[data-refresh-url]')) {
    const every = Math.max(2, Number(el.getAttribute('data-refresh-seconds')) || 5) * 1000;
    const url = el.getAttribute('data-refresh-url');
    const tick = async () => {
      try {
        const res = await fetch(url, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
        if (res.ok) el.innerHTML = await res.text();
        if (el.querySelector('[data-final]')) {
          if (el.hasAttribute('data-reload-when-final')) {
            const next = new URL(location.href);
            next.searchParams.delete('done');
            location.replace(next.href);
          }
          return;
        }
      } catch {}
      setTimeout(tick, every);
    };
    setTimeout(tick, every);
  }
})();
