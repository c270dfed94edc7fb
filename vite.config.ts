/**
 * Vite builds and serves the dashboard in client/. In development the API and Socket.IO run on the
 * Express server (PORT from .env, default 3000) and Vite proxies /api and /socket.io to it, so the
 * browser talks to a single origin just as it does in production, where Express serves client/dist.
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, loadEnv } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const clientRoot = fileURLToPath(new URL('./client', import.meta.url));

export default defineConfig(({ mode }) => {
  const { PORT } = loadEnv(mode, repoRoot, '');
  const apiOrigin = `http://localhost:${PORT || '3000'}`;

  return {
    root: clientRoot,
    plugins: [react()],
    build: {
      outDir: fileURLToPath(new URL('./client/dist', import.meta.url)),
      emptyOutDir: true,
    },
    server: {
      port: 5173,
      strictPort: true,
      proxy: {
        '/api': { target: apiOrigin },
        '/socket.io': { target: apiOrigin, ws: true },
      },
    },
  };
});
