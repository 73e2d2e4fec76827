import { exportInfrastructure, startInfrastructure } from './infrastructure';

export default async function globalSetup(): Promise<void> {
  const infra = await startInfrastructure();
  exportInfrastructure(infra);
}
