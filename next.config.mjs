import { FIXED_HEADERS, HSTS, HTTPS_FORWARDED_PROTO, NON_DOCUMENT_CSP } from './lib/http/security-headers.mjs';

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded from node_modules at run time: PGlite reads its WASM and data files next to itself.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', 'pg', '@prisma/adapter-pg'],
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with a real 403 when a role may not open a page.
  experimental: { authInterrupts: true },
  // On every response (API answers, static files, error pages). Pages get their own CSP with a
  // nonce from proxy.ts, which Next.js applies after these; lib/http/security-headers.mjs says why.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          ...Object.entries(FIXED_HEADERS).map(([key, value]) => ({ key, value })),
          { key: 'content-security-policy', value: NON_DOCUMENT_CSP },
        ],
      },
      {
        source: '/:path*',
        has: [{ type: 'header', key: 'x-forwarded-proto', value: HTTPS_FORWARDED_PROTO }],
        headers: [{ key: 'Strict-Transport-Security', value: HSTS }],
      },
    ];
  },
};

export default nextConfig;
