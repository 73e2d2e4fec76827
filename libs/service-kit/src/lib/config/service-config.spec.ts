import { COMMON_DEFAULTS, ConfigValidationError, ServiceEnvironment, brokersOf, loadConfig } from './service-config';

const defaults = { ...COMMON_DEFAULTS, PORT: '3001', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/programs' };

describe('loadConfig', () => {
  it('fills defaults and converts types', () => {
    const config = loadConfig(ServiceEnvironment, defaults, {});
    expect(config.PORT).toBe(3001);
    expect(config.DB_MIGRATIONS_RUN).toBe(true);
    expect(brokersOf(config)).toEqual(['127.0.0.1:9092']);
  });

  it('lets the environment override defaults', () => {
    const config = loadConfig(ServiceEnvironment, defaults, { PORT: '4000', KAFKA_BROKERS: 'a:1,b:2', DB_MIGRATIONS_RUN: 'false' });
    expect(config.PORT).toBe(4000);
    expect(brokersOf(config)).toEqual(['a:1', 'b:2']);
    expect(config.DB_MIGRATIONS_RUN).toBe(false);
  });

  it('reports every bad variable at once', () => {
    let caught: unknown;
    try {
      loadConfig(ServiceEnvironment, defaults, { PORT: 'eighty', DATABASE_URL: 'mysql://x', KAFKA_BROKERS: 'nohostport' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigValidationError);
    const problems = (caught as ConfigValidationError).problems.join('\n');
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/DATABASE_URL/);
    expect(problems).toMatch(/KAFKA_BROKERS/);
  });
});
