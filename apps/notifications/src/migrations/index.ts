import { CreateProgramDirectory1763900000400 } from './1763900000400-create-program-directory';

export const NOTIFICATIONS_MIGRATIONS = [CreateProgramDirectory1763900000400];
