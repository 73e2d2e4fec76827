import type { ProgramStatus } from '@diplomacy/contracts';

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
}
