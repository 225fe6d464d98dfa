/** The prometheus_notifications_* metrics of the notifier. */
import { Counter, FuncMetric, Gauge, type MetricFamily, type Registry, Summary } from '../instrument/index.js';

export class NotifierMetrics {
  readonly sent = new Counter({ name: 'prometheus_notifications_sent_total', help: 'Total number of alerts sent.', labelNames: ['alertmanager'] });
  readonly errors = new Counter({
    name: 'prometheus_notifications_errors_total',
    help: 'Total number of sent alerts affected by errors.',
    labelNames: ['alertmanager'],
  });
  readonly dropped = new Counter({
    name: 'prometheus_notifications_dropped_total',
    help: 'Total number of alerts dropped due to errors when sending to Alertmanager.',
  });
  readonly latency = new Summary({
    name: 'prometheus_notifications_latency_seconds',
    help: 'Latency quantiles for sending alert notifications.',
    labelNames: ['alertmanager'],
  });
  readonly queueLength: FuncMetric;
  readonly queueCapacity = new Gauge({ name: 'prometheus_notifications_queue_capacity', help: 'The capacity of the alert notifications queue.' });
  readonly discovered: FuncMetric;

  constructor(queueLength: () => number, discovered: () => number) {
    this.queueLength = new FuncMetric(
      { name: 'prometheus_notifications_queue_length', help: 'The number of alert notifications in the queue.', type: 'gauge' },
      queueLength,
    );
    this.discovered = new FuncMetric(
      { name: 'prometheus_notifications_alertmanagers_discovered', help: 'The number of alertmanagers discovered and active.', type: 'gauge' },
      discovered,
    );
  }

  register(r: Registry): void {
    r.register(this.sent);
    r.register(this.errors);
    r.register(this.dropped);
    r.register(this.latency);
    r.register(this.queueLength);
    r.register(this.queueCapacity);
    r.register(this.discovered);
  }

  collect(): MetricFamily[] {
    return [this.sent, this.errors, this.dropped, this.latency, this.queueLength, this.queueCapacity, this.discovered].flatMap((c) =>
      c.collect(),
    );
  }
}
