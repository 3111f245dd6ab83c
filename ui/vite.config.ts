import { defineConfig } from "vitest/config";

// The app loads only its own files: no remote content, no eval (see the CSP in
// src-tauri/tauri.conf.json).
export default defineConfig({
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: "safari15", outDir: "dist", emptyOutDir: true, sourcemap: false },
  test: { environment: "jsdom", include: ["test/**/*.test.ts"] },
});
