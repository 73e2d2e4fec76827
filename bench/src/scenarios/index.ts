import type { Scenario } from '../harness/types';
import { endToEndScenario } from './end-to-end';
import { fanOutScenario } from './fan-out';
import { httpScenario } from './http';
import { outboxScenario } from './outbox';
import { registrationsScenario } from './registrations';
import { scheduleToNotificationScenario } from './schedule-to-notification';
import { schedulingConflictsScenario } from './scheduling-conflicts';

/**
 * Every scenario, in the order the runner executes them. A new flow adds a file
 * beside these and one line here.
 */
export const SCENARIOS: Scenario[] = [
  outboxScenario,
  endToEndScenario,
  httpScenario,
  schedulingConflictsScenario,
  registrationsScenario,
  scheduleToNotificationScenario,
  fanOutScenario,
];
