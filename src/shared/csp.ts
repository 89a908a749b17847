/**
 * The renderer's Content-Security-Policy: the bundled page and nothing else. It must
 * stay identical to the <meta> in src/renderer/index.html (a unit test checks); the
 * Electron protocol handler and the web host also send it as a header, which covers
 * what a meta tag cannot (frame-ancestors).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
