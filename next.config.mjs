/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded from node_modules at run time: PGlite reads its WASM and data files next to itself.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', 'pg', '@prisma/adapter-pg'],
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with a real 403 when a role may not open a page.
  experimental: { authInterrupts: true },
};

export default nextConfig;
