import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// For working on the app with hot reload: `npx vite web` next to `npm start`, API calls proxied to it.
// `chaud serve` builds the same app itself (src/main/web-build.ts), so this file is not needed to run Chaud.
const server = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: Object.fromEntries(
      ['/api', '/f', '/book', '/widget.js', '/docs'].map((prefix) => [prefix, { target: server }]),
    ),
  },
});
