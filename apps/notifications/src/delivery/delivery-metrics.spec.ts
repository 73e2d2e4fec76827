import { ServiceMetrics } from '@diplomacy/service-kit';
import { DeliveryMetrics, failureReason } from './delivery-metrics';

describe('failureReason', () => {
  it('is transient while a retry is scheduled, else permanent or exhausted', () => {
    expect(failureReason(false, true)).toBe('transient');
    expect(failureReason(true, false)).toBe('permanent');
    expect(failureReason(false, false)).toBe('exhausted');
  });
});

describe('DeliveryMetrics', () => {
  it('starts every channel and reason at 0 and adds what it is told', async () => {
    const registry = new ServiceMetrics({ serviceName: 'notifications', defaultMetrics: false });
    const metrics = new DeliveryMetrics(registry);
    metrics.recordSent('email', 3);
    metrics.recordFailed('webhook', 'exhausted', 2);
    metrics.recordFailed('webhook', 'exhausted', 0);
    const { body } = await registry.render();
    expect(body).toContain('notifications_sent_total{channel="email",service="notifications"} 3');
    expect(body).toContain('notifications_sent_total{channel="sms",service="notifications"} 0');
    expect(body).toContain('notifications_failed_total{channel="webhook",reason="exhausted",service="notifications"} 2');
    expect(body).toContain('notifications_failed_total{channel="in-app",reason="permanent",service="notifications"} 0');
    // A second instance in the same process (tests boot the module twice) shares the series.
    new DeliveryMetrics(registry).recordSent('email', 1);
    expect((await registry.render()).body).toContain('notifications_sent_total{channel="email",service="notifications"} 4');
  });
});
