import type { DataSourceOptions, MigrationInterface } from 'typeorm';
import { DataSource } from 'typeorm';
import { MESSAGING_MIGRATIONS } from '@diplomacy/messaging';

export type MigrationClass = new () => MigrationInterface;

export interface DatabaseSettings {
  url: string;
  /** The service's own entities. */
  entities: DataSourceOptions['entities'];
  /** The service's own migrations; the messaging tables' migration is added for every service. */
  migrations: MigrationClass[];
  migrationsRun: boolean;
  applicationName: string;
}

/** One options object for the Nest module, the migrate command and the tests, so they cannot drift apart. */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: settings.entities,
    migrations: [...MESSAGING_MIGRATIONS, ...settings.migrations],
    migrationsRun: settings.migrationsRun,
    migrationsTableName: 'schema_migrations',
    // The schema changes only through migrations, in tests too.
    synchronize: false,
    // TypeORM prints failed queries as coloured SQL on the console. Constraint violations
    // are expected here (they are how conflicts are detected) and become 4xx answers;
    // anything unexpected is logged as JSON by ProblemDetailsFilter or the consumer.
    logging: false,
    extra: { max: 20, application_name: settings.applicationName, connectionTimeoutMillis: 5000 },
  };
}

/** `node main.js migrate`: applies pending migrations and exits, for a deploy's migration job. */
export async function runMigrations(settings: DatabaseSettings): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(settings), migrationsRun: false });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
