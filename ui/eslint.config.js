import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Text from customers and agents must never become markup: the DOM sinks that parse HTML are
// banned in the app code (render with textContent / createElement instead).
const noHtmlSinks = [
  { object: 'document', property: 'write', message: 'Build DOM nodes instead.' },
];
const htmlSinkSyntax = [
  {
    selector: 'AssignmentExpression > MemberExpression[property.name=/^(innerHTML|outerHTML)$/]',
    message: 'Never assign HTML; use textContent or createElement (no HTML injection).',
  },
  {
    selector:
      'CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment)$/]',
    message: 'Never parse HTML from strings; build DOM nodes.',
  },
  {
    selector: "CallExpression[callee.name='eval'], NewExpression[callee.name='Function']",
    message: 'No eval: the CSP forbids it anyway.',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['src/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-properties': ['error', ...noHtmlSinks],
      'no-restricted-syntax': ['error', ...htmlSinkSyntax],
    },
  },
  {
    files: ['test/**/*.ts', '*.config.ts', '*.config.js', 'e2e/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
