/**
 * The Content-Security-Policy of our pages: no scripts but our own (there are none), inline styles, forms
 * posting only to us. `embeddable` lets any site frame the page (the signup form) and post to PUBLIC_URL.
 */
export function cspDirectives(publicUrl: string, opts: { embeddable?: boolean } = {}) {
  return {
    defaultSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    scriptSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    formAction: opts.embeddable ? ["'self'", new URL(publicUrl).origin] : ["'self'"],
    frameAncestors: opts.embeddable ? ['*'] : ["'self'"],
    // On a plain-http install, upgrading would send every form post to an https that is not there.
    upgradeInsecureRequests: publicUrl.startsWith('https://') ? [] : null,
  };
}
