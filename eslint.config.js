import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Import walls, one list per kind of dependency; a folder's rule is the sum of the walls around
// it (ESLint replaces, not merges, a rule's options when several config blocks match a file).
const walls = {
  node: {
    // Bare names ('fs', 'path', 'crypto', 'fs/promises', …) as well as the node: forms.
    paths: builtinModules
      .filter((name) => !name.startsWith('node:'))
      .map((name) => ({ name, message: 'Node built-ins are not available here.' })),
    patterns: [{ group: ['node:*'], message: 'Node built-ins are not available here.' }],
  },
  electron: {
    paths: [{ name: 'electron', message: 'Only the Electron shell imports electron.' }],
    patterns: [{ regex: '(^|/)electron/', message: 'electron/ is main-process code.' }],
  },
  renderer: {
    patterns: [{ regex: '(^|/)renderer/', message: 'renderer/ is browser code.' }],
  },
  // The renderer's layers: main.tsx → app/ → features/<name>/ → store/, api/, format/, lib/ →
  // shared/. Each rule names the renderer folders a layer may not reach.
  rendererLeaf: {
    patterns: [
      {
        regex: '^\\.\\./(app|features|store|api|format|lib)/',
        message: 'format/ and lib/ are leaves: they import only shared/ and packages.',
      },
    ],
  },
  rendererApi: {
    patterns: [
      {
        regex: '^\\.\\./(app|features|store|format|lib)/',
        message: 'api/ is the transport only: it imports shared/ and packages.',
      },
    ],
  },
  rendererStore: {
    patterns: [
      {
        regex: '^\\.\\./(app|features|api)/',
        message:
          'store/ must not depend on the UI or the transport: move the type or helper to store/, format/ or lib/.',
      },
    ],
  },
  rendererFeature: {
    patterns: [
      {
        regex: '^\\.\\./[^./]|(^|/)(app|features)/',
        message:
          'A feature imports only its own folder, store/, api/, format/, lib/ and shared/: move what features share out of features/, compose features in app/.',
      },
    ],
  },
};

/** The no-restricted-imports rule for a folder surrounded by these walls. */
function restrictImports(...names) {
  const chosen = names.map((name) => walls[name]);
  return [
    'error',
    {
      paths: chosen.flatMap((wall) => wall.paths ?? []),
      patterns: chosen.flatMap((wall) => wall.patterns ?? []),
    },
  ];
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-electron/',
      'dist-cli/',
      'release/',
      'test-results/',
      'playwright-report/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // We do not use the React Compiler; TanStack Virtual's API is fine without memoization.
      'react-hooks/incompatible-library': 'off',
    },
  },
  {
    // The walls of the design: shared/ sees neither Node nor the DOM, core never imports electron,
    // the renderer never imports Node, and inside the renderer dependencies point one way.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: { 'no-restricted-imports': restrictImports('node', 'electron', 'renderer') },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron'], patterns: ['**/renderer/**'] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': restrictImports('node', 'electron') },
  },
  {
    files: ['renderer/src/api/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': restrictImports('node', 'electron', 'rendererApi') },
  },
  {
    files: ['renderer/src/store/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': restrictImports('node', 'electron', 'rendererStore') },
  },
  {
    files: ['renderer/src/format/**/*.{ts,tsx}', 'renderer/src/lib/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': restrictImports('node', 'electron', 'rendererLeaf') },
  },
  {
    files: ['renderer/src/features/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': restrictImports('node', 'electron', 'rendererFeature') },
  },
);
