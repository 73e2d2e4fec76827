module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'ops',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing/src/global-setup.ts',
  testTimeout: 180_000,
};
