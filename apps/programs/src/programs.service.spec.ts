import { DeadLetterTopics } from '@diplomacy/contracts';
import { checkServiceDefinition } from '@diplomacy/testing';
import { ProgramsService } from './programs.service';

checkServiceDefinition(ProgramsService, { port: 3001, database: 'programs' });

describe('programs consumer', () => {
  it('consumes in its own group and dead-letters to its own topic', () => {
    expect(ProgramsService.consumer).toEqual({ groupId: 'programs', deadLetterTopic: DeadLetterTopics.programs });
  });
});
