// Lints the web client (wwwroot/js): plain ES modules that browsers load as they are. Types are tsc's job (jsconfig.json).
import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    files: ['wwwroot/js/**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: globals.browser,
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      ...js.configs.recommended.rules,
      // Unused names hide dead code; a leading underscore marks one that must be there (a loop counter, a parameter).
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'all', caughtErrorsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-var': 'error',
      'prefer-const': 'error',
      'object-shorthand': 'error',
      'prefer-template': 'error',
      'no-implicit-coercion': 'error',
      'no-param-reassign': 'error',
      'no-shadow': 'error',
      'no-use-before-define': ['error', { functions: false, classes: true, variables: false }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-script-url': 'error',
      // User text goes in as text nodes (dom.js); markup from strings would open the door to injection.
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Insert text with h() or textContent; never build markup from strings.' },
        { property: 'outerHTML', message: 'Insert text with h() or textContent; never build markup from strings.' },
        { property: 'insertAdjacentHTML', message: 'Insert text with h() or textContent; never build markup from strings.' },
      ],
      'no-console': 'error',
      'no-alert': 'error',
      curly: ['error', 'multi-line'],
      'no-throw-literal': 'error',
      'prefer-promise-reject-errors': 'error',
      'no-return-assign': 'error',
      'no-self-compare': 'error',
      'no-unmodified-loop-condition': 'error',
      'no-unreachable-loop': 'error',
    },
  },
];
