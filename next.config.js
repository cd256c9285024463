// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The Azure SDKs and the sandbox emulator run only on the server; keep them out of the bundler
  // so their dynamic requires and Node built-ins resolve as in plain Node.
  serverExternalPackages: ['selfsigned', '@peculiar/x509', 'pkijs', 'better-sqlite3', 'pg'],
};

module.exports = nextConfig;
