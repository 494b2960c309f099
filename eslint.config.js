// @ts-check
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The direction of imports between the folders of src/: each folder names the folders it must
 * not reach. The wiring (app.ts, main.ts, cli/) is reached by nothing. The core (core/) builds
 * the stores and use cases and knows no channel, console or HTTP. A channel may use the core
 * (core, cases, conversation, notifications, storage) and what channels share (the files
 * directly in channels/), never another channel; storage may implement a port a channel
 * declares (a type import) but never run a channel's code. Storage owns every query: above it,
 * cases/ and conversation/ name its store interfaces by type only (`import type`), are handed
 * the stores by the composition root (core.ts), and never reach the Prisma client or its
 * generated code. Every folder of src/ has its entry here except the wiring itself and the
 * generated clients (test/layering/layer-rules.test.ts checks). Cycles within a folder are
 * test/layering/import-cycles.test.ts's job.
 */
const WIRING = ["**/app.ts", "**/main.ts", "**/cli/**"];
const EDGES = ["**/channels/**", "**/console/**", "**/http/**"];
/** The database itself: only storage/ (and the wiring) may touch it. */
const DATABASE = ["**/generated/**", "@prisma/*", "pg", "better-sqlite3", "**/storage/database.ts"];
/**
 * Storage's interfaces, for a type import; not the Prisma client's type (a type import that
 * matches a `types` group is let through whatever `banned` says, hence the exception).
 */
const STORES = ["**/storage/**", "!**/storage/database.ts"];
/** Every folder above the domain and the shared helpers. */
const ABOVE_DOMAIN = [
  ...WIRING,
  ...EDGES,
  ...DATABASE,
  "**/core/**",
  "**/cases/**",
  "**/conversation/**",
  "**/notifications/**",
  "**/classification/**",
  "**/voice/**",
  "**/config/**",
  "**/calendar/**",
  "**/directory/**",
];
const LAYERS = [
  // The domain is pure (see also the package rule at the end): it reaches only i18n, for its words.
  { files: ["src/domain/**/*.ts"], banned: [...ABOVE_DOMAIN, "**/storage/**"] },
  // The shared helpers directly in src/ (errors, clock, backoff …): below every layer.
  {
    files: ["src/*.ts"],
    ignores: ["src/app.ts", "src/main.ts"],
    banned: [...ABOVE_DOMAIN, "**/i18n/**", "**/domain/**"],
    types: STORES,
  },
  {
    files: ["src/logging/**/*.ts"],
    banned: [...ABOVE_DOMAIN, "**/i18n/**", "**/domain/**", "**/storage/**"],
  },
  {
    files: ["src/storage/**/*.ts"],
    banned: [
      ...WIRING,
      "**/console/**",
      "**/http/**",
      "**/conversation/**",
      "**/cases/**",
      "**/config/**",
      "**/voice/**",
    ],
    types: ["**/channels/**"],
  },
  { files: ["src/core/**/*.ts"], banned: [...WIRING, ...EDGES] },
  {
    files: ["src/notifications/**/*.ts"],
    banned: [...WIRING, ...EDGES, "**/conversation/**", "**/classification/**"],
  },
  {
    files: ["src/cases/**/*.ts"],
    banned: [...WIRING, ...EDGES, ...DATABASE, "**/conversation/**", "**/classification/**"],
    types: STORES,
  },
  {
    files: ["src/classification/**/*.ts"],
    banned: [...WIRING, ...EDGES, "**/conversation/**", "**/cases/**", "**/notifications/**"],
  },
  {
    files: ["src/conversation/**/*.ts"],
    banned: [...WIRING, ...EDGES, ...DATABASE, "**/cases/**", "**/notifications/**"],
    types: STORES,
  },
  {
    files: ["src/i18n/**/*.ts"],
    banned: [
      ...WIRING,
      ...EDGES,
      "**/storage/**",
      "**/cases/**",
      "**/conversation/**",
      "**/notifications/**",
      "**/classification/**",
    ],
    // The intake engine renders its replies through i18n; i18n names the intake's words by type
    // only, so that the two never run each other's code.
    types: ["**/domain/intake/**"],
  },
  { files: ["src/console/**/*.ts"], banned: [...WIRING, "**/channels/**", "**/conversation/**"] },
  {
    files: ["src/http/**/*.ts"],
    banned: [
      ...WIRING,
      "**/channels/**",
      "**/console/**",
      "**/cases/**",
      "**/conversation/**",
      "**/notifications/**",
    ],
  },
  {
    files: ["src/voice/**/*.ts", "src/calendar/**/*.ts", "src/directory/**/*.ts"],
    banned: [...WIRING, ...EDGES, "**/cases/**", "**/conversation/**", "**/notifications/**"],
  },
  {
    files: ["src/config/**/*.ts"],
    banned: [...WIRING, "**/console/**", "**/cases/**", "**/conversation/**"],
  },
  { files: ["src/channels/*.ts"], banned: [...WIRING, "**/console/**", "./*/**"] },
  {
    files: ["src/channels/telegram/**/*.ts"],
    banned: [...WIRING, "**/console/**", "../web/**", "../wecom/**", "../sms/**", "../open311/**"],
  },
  {
    files: ["src/channels/web/**/*.ts"],
    banned: [
      ...WIRING,
      "**/console/**",
      "../telegram/**",
      "../wecom/**",
      "../sms/**",
      "../open311/**",
    ],
  },
  {
    files: ["src/channels/wecom/**/*.ts"],
    banned: [
      ...WIRING,
      "**/console/**",
      "../telegram/**",
      "../web/**",
      "../sms/**",
      "../open311/**",
    ],
  },
  {
    files: ["src/channels/sms/**/*.ts", "src/channels/open311/**/*.ts"],
    banned: [...WIRING, "**/console/**", "../telegram/**", "../web/**", "../wecom/**"],
  },
];
const layerRules = LAYERS.map(({ files, ignores = [], banned, types = [] }) => ({
  files,
  ignores,
  rules: {
    "@typescript-eslint/no-restricted-imports": [
      "error",
      {
        patterns: [
          { group: banned, message: "This import runs against the layers (see eslint.config.js)." },
          ...(types.length > 0
            ? [
                {
                  group: types,
                  allowTypeImports: true,
                  message: "Only types may be imported from here (see eslint.config.js).",
                },
              ]
            : []),
        ],
      },
    ],
  },
}));

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
  ...layerRules,
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
