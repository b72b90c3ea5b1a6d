import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is served by the sync server (npm start), by Vite in development, and from files
// by Electron; relative asset paths work in all three.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', sourcemap: true, target: 'es2022', chunkSizeWarningLimit: 2000 },
  server: { port: 5173, strictPort: false },
});
