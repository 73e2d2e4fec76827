import { randomUUID } from 'node:crypto';
import { EventCatalog } from './event-catalog';
import type { EventDefinition } from './event-definition';
import { ALL_EVENTS } from './all-events';
import { ParticipantAdded, ParticipantUpdated } from './programs/participant-events';
import { ProgramStatusChanged, ProgramUpdated } from './programs/program-change-events';
import { PROGRAMS_EVENTS } from './programs/programs.events';

const catalog = new EventCatalog();

function envelope(definition: EventDefinition<unknown>, payload: Record<string, unknown>) {
  return {
    id: randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: new Date().toISOString(),
    producer: 'programs',
    key: randomUUID(),
    organisationId: 'kansas-city-council',
    correlationId: 'c',
    causationId: null,
    payload,
  };
}

const participant = () => ({
  programId: randomUUID(),
  participantId: randomUUID(),
  name: 'Amina Mwangi',
  country: 'KE',
  title: null,
  organisationName: null,
  role: 'delegate',
  languages: ['sw'],
  preferredLanguage: 'sw',
  notificationChannels: ['email'],
  email: 'amina@example.org',
  phone: null,
  version: 1,
});

describe('programs event contracts', () => {
  it('puts every programs event in the catalogue, on the programs topic', () => {
    for (const definition of PROGRAMS_EVENTS) {
      expect(ALL_EVENTS).toContain(definition);
      expect(definition.topic).toBe('programs.events');
    }
    expect(PROGRAMS_EVENTS.map((d) => d.type)).toEqual([
      'program.created',
      'program.status-changed',
      'program.updated',
      'organisation.created',
      'organisation.updated',
      'participant.added',
      'participant.updated',
      'participant.removed',
      'partnership.created',
      'partnership.updated',
    ]);
  });

  it.each(['dietaryNotes', 'accessibilityNotes', 'gender'])('refuses a participant event that carries %s', (field) => {
    expect(catalog.validate(envelope(ParticipantAdded, participant())).ok).toBe(true);
    const leaking = catalog.validate(envelope(ParticipantAdded, { ...participant(), [field]: 'x' }));
    expect(leaking).toMatchObject({ ok: false, reason: 'invalid-payload' });
    const leakingUpdate = catalog.validate(envelope(ParticipantUpdated, { ...participant(), changedFields: ['name'], [field]: 'x' }));
    expect(leakingUpdate).toMatchObject({ ok: false, reason: 'invalid-payload' });
  });

  it('refuses a status change to a status that does not exist', () => {
    const valid = { programId: randomUUID(), from: 'draft', to: 'planned', reason: null, version: 2 };
    expect(catalog.validate(envelope(ProgramStatusChanged, valid)).ok).toBe(true);
    expect(catalog.validate(envelope(ProgramStatusChanged, { ...valid, to: 'postponed' }))).toMatchObject({ ok: false, reason: 'invalid-payload' });
  });

  it('refuses a program update that changes nothing or names an unknown field', () => {
    const valid = { programId: randomUUID(), version: 2, changedFields: ['title'], changes: { title: 'New title' } };
    expect(catalog.validate(envelope(ProgramUpdated, valid)).ok).toBe(true);
    expect(catalog.validate(envelope(ProgramUpdated, { ...valid, changedFields: [] })).ok).toBe(false);
    expect(catalog.validate(envelope(ProgramUpdated, { ...valid, changes: { status: 'planned' } })).ok).toBe(false);
  });
});
