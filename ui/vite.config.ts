import { svelte } from "@sveltejs/vite-plugin-svelte";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

/** Lists the npm packages whose code the bundle holds, in
 *  dist/bundled-packages.json, for scripts/licences.py (the About box). */
function bundledPackages(): Plugin {
  return {
    name: "bundled-packages",
    apply: "build",
    generateBundle(_options, bundle) {
      const names = new Set<string>();
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== "chunk") continue;
        for (const [id, module] of Object.entries(chunk.modules)) {
          const m = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id);
          if (m && module.renderedLength > 0) names.add(m[1]);
        }
      }
      this.emitFile({
        type: "asset",
        fileName: "bundled-packages.json",
        source: JSON.stringify([...names].sort(), null, 1) + "\n",
      });
    },
  };
}

// The app loads only its own files: no remote content, no eval (see the CSP in
// src-tauri/tauri.conf.json).
export default defineConfig({
  plugins: [svelte(), bundledPackages()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: "es2022", outDir: "dist", emptyOutDir: true, sourcemap: false },
  // Components under test mount as in the webview, not as on a server.
  resolve: process.env.VITEST ? { conditions: ["browser"] } : undefined,
  test: { environment: "jsdom", include: ["test/**/*.test.ts"] },
});
