// Lint: typescript-eslint recommended, plus the project's own boundaries.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'coverage/', '.playground/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The domain is pure: no Teams, no SQL, no clock reads.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['botbuilder*', '@microsoft/*', 'pg', 'restify', 'graphile-worker', '../store/*', '../teams/*', '../app/*', '../jobs/*', '../server/*', 'node:fs', 'node:net', 'node:http'] }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Domain rules take time as a parameter: no new Date() without arguments.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Domain rules take time as a parameter: no Date.now().' },
      ],
    },
  },
  {
    // Teams imports live in src/teams (and the server/composition root that mounts it).
    files: ['src/domain/**/*.ts', 'src/app/**/*.ts', 'src/store/**/*.ts', 'src/jobs/**/*.ts'],
    rules: {
      'no-console': 'error',
    },
  },
);
