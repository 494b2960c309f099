// @ts-check
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules", "data", "src/generated", "coverage"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // Scripts served to browsers as they are (no build step).
    files: ["src/**/static/**/*.js"],
    languageOptions: { globals: globals.browser },
  },
  {
    // The domain is pure: it declares ports and never reaches for a channel, the web or the database.
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "grammy",
                "@grammyjs/*",
                "fastify",
                "@fastify/*",
                "openai",
                "pg",
                "better-sqlite3",
                "@prisma/*",
                "**/generated/**",
                "**/storage/**",
                "**/channels/**",
                "**/http/**",
              ],
              message:
                "The domain knows nothing of channels, HTTP or storage; declare a port instead.",
            },
          ],
        },
      ],
    },
  },
);
