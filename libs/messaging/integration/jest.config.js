module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'messaging:integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../../testing/src/global-setup.ts',
  testTimeout: 120_000,
};
