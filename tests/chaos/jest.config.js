// The chaos suite runs on its own Kafka broker, Postgres cluster and SMTP sink (tests/chaos/src/infrastructure.ts),
// never on the shared ones, so it has no global set-up of libs/testing. Run it with `npm run test:chaos`.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'chaos',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.chaos-spec.ts'],
  testTimeout: 20 * 60_000,
  maxWorkers: 1,
};
