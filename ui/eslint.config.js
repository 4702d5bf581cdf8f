// ESLint for the UI: typescript-eslint's recommended rules, type-aware, over
// our sources (generated bindings are checked by the Rust side instead), and
// no import circles (import-x/no-cycle). Part of the gate in scripts/test-all.sh.
import js from "@eslint/js";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "src/bindings/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // Modules that import each other, directly or through others, cannot be
    // understood (or tested) one at a time; type-only imports count too.
    files: ["**/*.ts"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/extensions": [".ts", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".js"] })],
    },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    // Commands go through api.ts: its call() turns failures into ApiError, and
    // build.rs checks its command names and arguments against the app's list.
    files: ["src/**/*.ts"],
    ignores: ["src/api.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "@tauri-apps/api/core", importNames: ["invoke"], message: "call commands through api.ts" }] },
      ],
    },
  },
  {
    files: ["eslint.config.js"],
    ...tseslint.configs.disableTypeChecked,
  },
);
