import { PROGRAM_STATUSES } from '@diplomacy/contracts';
import { ProgramStatusPolicy } from './program-status.policy';

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
