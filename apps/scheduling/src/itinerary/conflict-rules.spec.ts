import { isDeadlock, ruleOfViolation } from './conflict-rules';

describe('ruleOfViolation', () => {
  it('maps each exclusion constraint to its rule, through TypeORM\'s wrapper or the bare driver error', () => {
    expect(ruleOfViolation({ driverError: { code: '23P01', constraint: 'attendance_no_overlap' } })).toBe('participant-double-booked');
    expect(ruleOfViolation({ code: '23P01', constraint: 'attendance_travel_buffer_lead' })).toBe('travel-buffer');
    expect(ruleOfViolation({ code: '23P01', constraint: 'attendance_travel_buffer_trail' })).toBe('travel-buffer');
    expect(ruleOfViolation({ code: '23P01', constraint: 'resource_bookings_no_overlap' })).toBe('resource-double-booked');
  });

  it('returns null for other errors, so they stay 500s rather than being dressed up as conflicts', () => {
    expect(ruleOfViolation({ code: '23505', constraint: 'agenda_items_pkey' })).toBeNull();
    expect(ruleOfViolation({ code: '23P01', constraint: 'some_other_constraint' })).toBeNull();
    expect(ruleOfViolation(new Error('boom'))).toBeNull();
    expect(ruleOfViolation(undefined)).toBeNull();
  });

  it('recognises a deadlock', () => {
    expect(isDeadlock({ driverError: { code: '40P01' } })).toBe(true);
    expect(isDeadlock({ code: '23P01' })).toBe(false);
  });
});
