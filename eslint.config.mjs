// @ts-check
import tseslint from 'typescript-eslint';

/**
 * The language service's folders, bottom up, each with the folders it may import (besides its
 * own files). Imports go one way, so a folder is read and changed with only those below it in
 * mind; scripts/check-import-cycles.mjs (also run by `npm run lint`) checks every root for folder
 * cycles. ARCHITECTURE.md explains each layer.
 */
const LANGUAGE_SERVICE = 'server/src/languageService';
const LAYERS = {
  data: [],
  model: ['data'],
  parser: ['model'],
  cloudformation: ['model', 'parser'],
  hover: ['model', 'data'],
  completion: ['model', 'parser', 'hover', 'data'],
  edits: ['model', 'completion'],
  rules: ['model', 'parser', 'edits', 'data'],
  validate: ['model', 'parser', 'rules'],
  incremental: ['model', 'parser', 'completion', 'rules', 'validate'],
  navigation: ['model', 'cloudformation'],
};
const FOLDERS = Object.keys(LAYERS);

/** Nothing below server/src/lsp knows LSP or VS Code. */
const NO_LSP = {
  group: [
    'vscode',
    'vscode-languageserver',
    'vscode-languageserver/*',
    'vscode-languageserver-*',
    'vscode-languageclient*',
  ],
  message: 'The language service knows no LSP: convert at server/src/lsp (see ARCHITECTURE.md).',
};

/**
 * The server never calls AWS: nothing under server/src imports the SDK or the AWS boundary
 * (common/src/aws, and the deploy workflow that drives it). Account facts reach it as data.
 */
const NO_AWS = {
  regex: '^@aws-sdk/|common/src/(aws|deploy)(/|$)',
  message: 'The server never calls AWS: account facts reach it as data (see ARCHITECTURE.md).',
};

const layerRules = FOLDERS.map((folder) => {
  const allowed = LAYERS[folder];
  const forbidden = [
    ...FOLDERS.filter((other) => other !== folder && !allowed.includes(other)),
    // The facade, and what sits above the language service.
    'languageService',
    'lsp',
  ];
  return {
    files: [`${LANGUAGE_SERVICE}/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`,
              message: `${folder}/ may import only ${allowed.length > 0 ? allowed.map((f) => `${f}/`).join(', ') : 'its own files'} (layers: eslint.config.mjs, ARCHITECTURE.md).`,
            },
            NO_LSP,
            NO_AWS,
          ],
        },
      ],
    },
  };
});

/** The LSP server, the CLI and the client use the language service through its facade only. */
const FACADE_ONLY = {
  regex: 'languageService/(?!languageService$)',
  message:
    'Import the language service from its facade, server/src/languageService/languageService.ts (it re-exports the public types).',
};
const facadeOnly = {
  files: ['cli/src/**/*.ts', 'client/src/**/*.ts', 'common/src/**/*.ts'],
  rules: { 'no-restricted-imports': ['error', { patterns: [FACADE_ONLY] }] },
};
const lspServer = {
  files: ['server/src/lsp/**/*.ts'],
  rules: { 'no-restricted-imports': ['error', { patterns: [FACADE_ONLY, NO_AWS] }] },
};

export default tseslint.config(
  {
    ignores: ['node_modules/', 'out/', 'dist/', '.cache/', 'test-results/', '**/*.js', '**/*.mjs'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: [`${LANGUAGE_SERVICE}/languageService.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_LSP, NO_AWS] }] },
  },
  ...layerRules,
  facadeOnly,
  lspServer,
);
