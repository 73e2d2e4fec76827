import { isTransientInfrastructureError } from './transient-errors';

describe('isTransientInfrastructureError', () => {
  it('recognises a refused or dropped connection', () => {
    expect(isTransientInfrastructureError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransientInfrastructureError(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('recognises Postgres shutting down or starting up, also when TypeORM wraps it', () => {
    const adminShutdown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    expect(isTransientInfrastructureError({ name: 'QueryFailedError', message: 'query failed', driverError: adminShutdown })).toBe(true);
    expect(isTransientInfrastructureError(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
    expect(isTransientInfrastructureError(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(true);
  });

  it('leaves failures of the message itself to the bounded retries', () => {
    expect(isTransientInfrastructureError(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBe(false);
    expect(isTransientInfrastructureError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isTransientInfrastructureError('boom')).toBe(false);
  });
});
