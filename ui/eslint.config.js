// The UI's lint rules: ESLint's and typescript-eslint's recommended sets.
// `npm run lint` (the test command runs it).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "src/bindings/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
);
