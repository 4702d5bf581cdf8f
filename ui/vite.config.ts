import { defineConfig } from "vitest/config";

import { fontPreload } from "./build/fontPreload.ts";

// Tauri serves ui/dist; the dev server is only for `tauri dev`.
export default defineConfig({
  clearScreen: false,
  plugins: [fontPreload()],
  server: { port: 5173, strictPort: true },
  build: {
    target: "safari15",
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "build/**/*.test.ts"],
    // CSS is left out of tests (empty) but for the tokens, which a test reads (as ?raw).
    css: { include: [/tokens\.css/] },
  },
});
