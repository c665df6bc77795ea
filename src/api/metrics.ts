/** Request counts and latency in Prometheus' text format; enough for a first dashboard. */
export class Metrics {
  readonly #counts = new Map<string, number>();
  #durationSum = 0;
  #durationCount = 0;

  observe(method: string, status: number, durationMs: number): void {
    const key = `method="${method}",status="${Math.floor(status / 100)}xx"`;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
    this.#durationSum += durationMs / 1000;
    this.#durationCount += 1;
  }

  render(realtimeSubscribers: number): string {
    const memory = process.memoryUsage();
    const lines = [
      '# HELP earshot_http_requests_total HTTP requests answered.',
      '# TYPE earshot_http_requests_total counter',
      ...[...this.#counts].map(
        ([labels, count]) => `earshot_http_requests_total{${labels}} ${count}`,
      ),
      '# HELP earshot_http_request_duration_seconds Time spent answering HTTP requests.',
      '# TYPE earshot_http_request_duration_seconds summary',
      `earshot_http_request_duration_seconds_sum ${this.#durationSum}`,
      `earshot_http_request_duration_seconds_count ${this.#durationCount}`,
      '# HELP earshot_realtime_subscribers Open server-sent event streams.',
      '# TYPE earshot_realtime_subscribers gauge',
      `earshot_realtime_subscribers ${realtimeSubscribers}`,
      '# HELP process_resident_memory_bytes Resident memory.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${memory.rss}`,
    ];
    return `${lines.join('\n')}\n`;
  }
}
