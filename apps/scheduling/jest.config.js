module.exports = { ...require('../../jest.preset.js'), displayName: 'scheduling', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
