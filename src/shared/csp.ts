/**
 * The renderer's Content-Security-Policy: the bundled page and nothing else.
 * META_CONTENT_SECURITY_POLICY must stay identical to the <meta> in
 * src/renderer/index.html (a unit test checks). The Electron protocol handler and the
 * web host send CONTENT_SECURITY_POLICY as a header, which adds what a <meta> cannot
 * carry: frame-ancestors (ignored in a meta tag, where Chromium logs an error for it).
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');
export const CONTENT_SECURITY_POLICY = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');
