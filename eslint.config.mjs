// @ts-check
// Lint rules that keep the package graph of DESIGN.md §2 true: each package may import only the
// packages its arrows allow, and knex/pg, ltijs, nodemailer and express stay in their owners.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Packages and modules each workspace package must not import. */
const forbidden = {
  core: ['@kompetenta/*', 'express', 'ltijs', 'knex', 'pg', 'nodemailer', 'handlebars'],
  storage: [
    '@kompetenta/app',
    '@kompetenta/lti-server',
    '@kompetenta/scorm-runtime',
    '@kompetenta/reporting',
    '@kompetenta/mailer',
    '@kompetenta/course-builder',
    '@kompetenta/scorm-player',
    'express',
    'ltijs',
    'nodemailer',
  ],
  'scorm-runtime': [
    '@kompetenta/app',
    '@kompetenta/lti-server',
    '@kompetenta/storage',
    '@kompetenta/reporting',
    '@kompetenta/mailer',
    '@kompetenta/course-builder',
    '@kompetenta/scorm-player',
    'express',
    'ltijs',
    'knex',
    'pg',
    'nodemailer',
    'fs',
    'node:fs',
    'http',
    'node:http',
  ],
  'scorm-player': [
    '@kompetenta/app',
    '@kompetenta/lti-server',
    '@kompetenta/storage',
    '@kompetenta/reporting',
    '@kompetenta/mailer',
    '@kompetenta/course-builder',
    'express',
    'ltijs',
    'knex',
    'pg',
    'nodemailer',
    'node:*',
    'fs',
    'path',
    'http',
  ],
  'course-builder': [
    '@kompetenta/app',
    '@kompetenta/lti-server',
    '@kompetenta/storage',
    '@kompetenta/reporting',
    '@kompetenta/mailer',
    '@kompetenta/scorm-player',
    'knex',
    'pg',
    'ltijs',
    'nodemailer',
  ],
  reporting: [
    '@kompetenta/app',
    '@kompetenta/lti-server',
    '@kompetenta/storage',
    '@kompetenta/scorm-runtime',
    '@kompetenta/mailer',
    '@kompetenta/course-builder',
    '@kompetenta/scorm-player',
    'knex',
    'pg',
    'ltijs',
    'nodemailer',
    'express',
  ],
  mailer: [
    '@kompetenta/app',
    '@kompetenta/lti-server',
    '@kompetenta/storage',
    '@kompetenta/scorm-runtime',
    '@kompetenta/reporting',
    '@kompetenta/course-builder',
    '@kompetenta/scorm-player',
    'express',
    'knex',
    'pg',
    'ltijs',
  ],
  'lti-server': [
    '@kompetenta/app',
    '@kompetenta/storage',
    '@kompetenta/mailer',
    '@kompetenta/course-builder',
    'knex',
    'pg',
    'nodemailer',
  ],
  app: [],
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'data/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
      'courses/**',
      'docs/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message:
            'Only the app package reads the environment (DESIGN.md §2); take configuration as a parameter.',
        },
      ],
    },
  },
  ...Object.entries(forbidden).map(([pkg, patterns]) => ({
    files: [`packages/${pkg}/src/**/*.ts`],
    rules: patterns.length
      ? {
          'no-restricted-imports': [
            'error',
            { patterns: [{ group: patterns, message: `DESIGN.md §2: ${pkg} must not import this.` }] },
          ],
        }
      : {},
  })),
  {
    files: [
      'packages/app/src/**/*.ts',
      'packages/test-utils/src/**/*.ts',
      'packages/*/test/**/*.ts',
      'test/**/*.ts',
      'bench/**/*.ts',
      // Examples are host applications: reading their own environment is theirs to do.
      'examples/**/*.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Examples show what a host application can do: package names only, never a package's
    // `internal` entry (for @kompetenta/app, no stability promise; docs/development/packages.md).
    files: ['examples/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@kompetenta/*/internal'], message: 'Hosts use the public entry points only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/*/test/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // chai's expect(x).to.be.true is an expression statement by design.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
);
