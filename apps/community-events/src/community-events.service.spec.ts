import { checkServiceDefinition } from '@diplomacy/testing';
import { CommunityEventsService } from './community-events.service';

checkServiceDefinition(CommunityEventsService, { port: 3003, database: 'community_events' });
