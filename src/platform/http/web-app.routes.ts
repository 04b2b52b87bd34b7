import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/** Client-side routes of the web app: each answers index.html, the app's router takes it from there. */
export const WEB_APP_ROUTES = [
  '/',
  '/login',
  '/dashboard',
  '/leads',
  '/leads/*',
  '/pipeline',
  '/inbox',
  '/inbox/*',
  '/sandbox',
  '/settings',
  '/settings/*',
] as const;

const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Chaud</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2328}a{color:#b42318}</style>
</head><body>
<h1>Chaud is running</h1>
<p>The web app is not built in this process (run <code>npm run build:web</code> or <code>chaud serve</code>); the API is ready.</p>
<ul><li><a href="/docs">API reference (OpenAPI)</a></li><li><a href="/health">Health</a></li></ul>
</body></html>`;

/**
 * Serves the built React app: hashed assets cached for a year, index.html never cached, so a new build is
 * picked up on the next page load. Without a build (tests that only use the API) `/` says how to get one.
 */
export const webAppRoutes: FastifyPluginAsync<{ distDir?: string }> = async (app, { distDir }) => {
  const indexFile = distDir ? path.join(distDir, 'index.html') : undefined;
  if (!distDir || !indexFile || !fs.existsSync(indexFile)) {
    app.get('/', { config: { isPublic: true }, schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(PLACEHOLDER_PAGE),
    );
    return;
  }
  // The app's files are public (the login screen is one of them); the data they show comes from /api.
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config as object), isPublic: true };
  });
  // Vite puts every built file under assets/ with a content hash in its name: cached for a year. The
  // wildcard route also serves files of a newer build made while the server runs.
  await app.register(fastifyStatic, {
    root: path.join(distDir, 'assets'),
    prefix: '/assets/',
    wildcard: true,
    index: false,
    cacheControl: false,
    setHeaders: (reply) => reply.header('cache-control', 'public, max-age=31536000, immutable'),
  });
  for (const url of WEB_APP_ROUTES) {
    app.get(url, { config: { isPublic: true }, schema: { hide: true } }, async (_request, reply) =>
      // Read on each load (a few kB): a rebuild while the server runs is picked up, never a stale asset name.
      reply
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(fs.readFileSync(indexFile, 'utf8')),
    );
  }
};
