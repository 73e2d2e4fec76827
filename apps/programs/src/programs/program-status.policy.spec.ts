import { PROGRAM_STATUSES } from '@diplomacy/contracts';
import { ProgramStatusPolicy } from './program-status.policy';
import { IllegalStatusTransitionError } from './programs.errors';

describe('ProgramStatusPolicy', () => {
  it('walks the happy path', () => {
    expect(ProgramStatusPolicy.canMove('draft', 'planned')).toBe(true);
    expect(ProgramStatusPolicy.canMove('planned', 'confirmed')).toBe(true);
    expect(ProgramStatusPolicy.canMove('confirmed', 'in-progress')).toBe(true);
    expect(ProgramStatusPolicy.canMove('in-progress', 'completed')).toBe(true);
  });

  it('cancels from every open state and from no final one', () => {
    for (const status of PROGRAM_STATUSES) {
      const final = status === 'completed' || status === 'cancelled';
      expect(ProgramStatusPolicy.canMove(status, 'cancelled')).toBe(!final);
    }
  });

  it('refuses skipping and going back', () => {
    expect(ProgramStatusPolicy.canMove('draft', 'confirmed')).toBe(false);
    expect(ProgramStatusPolicy.canMove('confirmed', 'planned')).toBe(false);
    expect(ProgramStatusPolicy.allowedFrom('completed')).toEqual([]);
  });
});

describe('ProgramStatusPolicy.assertCanMove', () => {
  it('names the allowed targets in the 409', () => {
    expect(() => ProgramStatusPolicy.assertCanMove('planned', 'planned')).toThrow(IllegalStatusTransitionError);
    try {
      ProgramStatusPolicy.assertCanMove('draft', 'completed');
    } catch (error) {
      expect((error as IllegalStatusTransitionError).status).toBe(409);
      expect((error as IllegalStatusTransitionError).extensions).toEqual({ currentStatus: 'draft', requestedStatus: 'completed', allowedTransitions: ['planned', 'cancelled'] });
      return;
    }
    throw new Error('draft → completed was allowed');
  });

  it('knows the final states', () => {
    expect(PROGRAM_STATUSES.filter((s) => ProgramStatusPolicy.isFinal(s))).toEqual(['completed', 'cancelled']);
  });
});
