import type { ProgramStatus } from '@diplomacy/contracts';
import { IllegalStatusTransitionError } from './programs.errors';

/**
 * The program lifecycle: draft → planned → confirmed → in progress → completed,
 * and cancelled from any open state. Completed and cancelled are final.
 */
const TRANSITIONS: Record<ProgramStatus, readonly ProgramStatus[]> = {
  draft: ['planned', 'cancelled'],
  planned: ['confirmed', 'cancelled'],
  confirmed: ['in-progress', 'cancelled'],
  'in-progress': ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export class ProgramStatusPolicy {
  static allowedFrom(status: ProgramStatus): readonly ProgramStatus[] {
    return TRANSITIONS[status];
  }

  static canMove(from: ProgramStatus, to: ProgramStatus): boolean {
    return TRANSITIONS[from].includes(to);
  }

  static isFinal(status: ProgramStatus): boolean {
    return TRANSITIONS[status].length === 0;
  }

  /** Throws the 409 that lists the allowed targets. */
  static assertCanMove(from: ProgramStatus, to: ProgramStatus): void {
    if (!ProgramStatusPolicy.canMove(from, to)) throw new IllegalStatusTransitionError(from, to, TRANSITIONS[from]);
  }
}
