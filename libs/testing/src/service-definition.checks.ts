import type { ServiceDefinition } from '@diplomacy/service-kit';
import { serviceModule } from '@diplomacy/service-kit';

/** Unit checks every service definition must pass; each app's spec calls this with its own facts. */
export function checkServiceDefinition(definition: ServiceDefinition, expected: { port: number; database: string }): void {
  describe(`${definition.name} service definition`, () => {
    it('defaults to its own port and database, so all four run side by side on one machine', () => {
      const config = definition.loadConfig({});
      expect(config.PORT).toBe(expected.port);
      expect(new URL(config.DATABASE_URL).pathname).toBe(`/${expected.database}`);
    });

    it('refuses a broken environment at start-up', () => {
      expect(() => definition.loadConfig({ PORT: 'not-a-port' })).toThrow(/PORT/);
    });

    it('lists migrations with unique names in timestamp order', () => {
      const names = definition.migrations.map((migration) => migration.name);
      const timestamps = names.map((name) => Number(/(\d{13})$/.exec(name)?.[1]));
      expect(timestamps.every((t) => Number.isFinite(t))).toBe(true);
      expect([...timestamps].sort((a, b) => a - b)).toEqual(timestamps);
      expect(new Set(names).size).toBe(names.length);
    });

    it('builds a root module that contains its features', () => {
      const module = serviceModule(definition, definition.loadConfig({}));
      for (const feature of definition.features) expect(module.imports).toContain(feature);
    });
  });
}
