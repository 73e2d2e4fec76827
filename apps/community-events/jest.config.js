module.exports = { ...require('../../jest.preset.js'), displayName: 'community-events', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
