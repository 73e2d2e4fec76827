import { CreatePrograms1763900000100 } from './1763900000100-create-programs';

export const PROGRAMS_MIGRATIONS = [CreatePrograms1763900000100];
