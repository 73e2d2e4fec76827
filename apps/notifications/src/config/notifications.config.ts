import { COMMON_DEFAULTS, ServiceEnvironment, loadConfig } from '@diplomacy/service-kit';

export class NotificationsEnvironment extends ServiceEnvironment {}

export const NOTIFICATIONS_DEFAULTS = {
  ...COMMON_DEFAULTS,
  PORT: '3004',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/notifications',
};

export function loadNotificationsConfig(env: NodeJS.ProcessEnv = process.env): NotificationsEnvironment {
  return loadConfig(NotificationsEnvironment, NOTIFICATIONS_DEFAULTS, env);
}
