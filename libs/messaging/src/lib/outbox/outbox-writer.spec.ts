import { randomUUID } from 'node:crypto';
import { EventCatalog, EventContractViolation, ProgramCreated } from '@diplomacy/contracts';
import type { EntityManager } from 'typeorm';
import { CorrelationContext } from '../correlation/correlation-context';
import { OutboxWriter } from './outbox-writer';

const payload = () => ({
  programId: randomUUID(),
  organisationId: 'org-1',
  title: 'Policing and community trust',
  kind: 'international-visitor' as const,
  status: 'draft' as const,
  theme: null,
  startDate: '2026-04-01',
  endDate: '2026-04-04',
});

describe('OutboxWriter', () => {
  const writer = new OutboxWriter('programs', new EventCatalog());

  it('stamps the envelope with the current correlation and causation ids', () => {
    const data = payload();
    const envelope = CorrelationContext.run({ correlationId: 'req-42', causationId: 'evt-1' }, () =>
      writer.buildEnvelope({ definition: ProgramCreated, key: data.programId, organisationId: 'org-1', payload: data }),
    );
    expect(envelope).toMatchObject({ type: 'program.created', version: 1, producer: 'programs', key: data.programId, correlationId: 'req-42', causationId: 'evt-1' });
  });

  it('refuses a payload that breaks the contract before anything is written', () => {
    const bad = { ...payload(), kind: 'picnic' } as never;
    expect(() => writer.buildEnvelope({ definition: ProgramCreated, key: 'k', organisationId: null, payload: bad })).toThrow(EventContractViolation);
  });

  it('refuses to write outside a transaction', async () => {
    const manager = { queryRunner: undefined } as unknown as EntityManager;
    await expect(writer.append(manager, [])).rejects.toThrow(/inside the transaction/);
  });
});
