import { stopInfrastructure } from './infrastructure';

export default async function globalTeardown(): Promise<void> {
  // Containers are stopped; the local scripts' broker keeps running for the next suite and for developers.
  await stopInfrastructure();
}
