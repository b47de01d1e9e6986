import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The folder of this file, so the build works from the repository root as well as from here.
const root = decodeURIComponent(new URL(".", import.meta.url).pathname);

// Vite only reads a default export: the one exception to named exports.
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
    // The server's CSP need not allow data: URLs, so every asset stays a file even when tiny.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      "/api": "http://localhost:3000",
    },
  },
});
