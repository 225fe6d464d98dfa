/**
 * process_* metrics as client_golang's process collector reports them, read from /proc on
 * Linux (CPU time, memory, file descriptors, start time); elsewhere the values Node knows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Collector, MetricFamily } from './metric.js';

const CLOCK_TICKS = 100;
const PAGE_SIZE = 4096;

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Fields of /proc/self/stat after the command name (field 3 onwards, 0-based here). */
function statFields(): string[] | null {
  const s = readText('/proc/self/stat');
  if (s === null) return null;
  const end = s.lastIndexOf(')');
  return end < 0 ? null : s.slice(end + 2).trim().split(/\s+/);
}

function bootTime(): number | null {
  const s = readText('/proc/stat');
  const m = s === null ? null : /^btime\s+(\d+)/m.exec(s);
  return m === null ? null : Number(m[1]);
}

function maxFds(): number | null {
  const s = readText('/proc/self/limits');
  const m = s === null ? null : /^Max open files\s+(\d+|unlimited)/m.exec(s);
  if (m === null) return null;
  return m[1] === 'unlimited' ? Infinity : Number(m[1]);
}

function maxVirtualMemory(): number | null {
  const s = readText('/proc/self/limits');
  const m = s === null ? null : /^Max address space\s+(\d+|unlimited)/m.exec(s);
  if (m === null) return null;
  return m[1] === 'unlimited' ? 18446744073709552000 : Number(m[1]);
}

function gauge(name: string, help: string, value: number | null): MetricFamily[] {
  return value === null || Number.isNaN(value) ? [] : [{ name, help, type: 'gauge', samples: [{ suffix: '', labels: [], value }] }];
}

export class ProcessCollector implements Collector {
  private readonly startTime: number;

  constructor() {
    const f = statFields();
    const bt = bootTime();
    // Field 22 (starttime) is index 19 after the command name.
    this.startTime = f !== null && bt !== null ? bt + Number(f[19]) / CLOCK_TICKS : Math.round(Date.now() / 1000 - process.uptime());
  }

  collect(): MetricFamily[] {
    const cpu = process.cpuUsage();
    const f = statFields();
    let openFds: number | null = null;
    try {
      openFds = readdirSync('/proc/self/fd').length;
    } catch {
      openFds = null;
    }
    const rss = f !== null ? Number(f[21]) * PAGE_SIZE : process.memoryUsage().rss;
    const vsize = f !== null ? Number(f[20]) : null;
    return [
      {
        name: 'process_cpu_seconds_total',
        help: 'Total user and system CPU time spent in seconds.',
        type: 'counter',
        samples: [{ suffix: '', labels: [], value: (cpu.user + cpu.system) / 1e6 }],
      },
      ...gauge('process_max_fds', 'Maximum number of open file descriptors.', maxFds()),
      ...gauge('process_open_fds', 'Number of open file descriptors.', openFds),
      ...gauge('process_resident_memory_bytes', 'Resident memory size in bytes.', rss),
      ...gauge('process_start_time_seconds', 'Start time of the process since unix epoch in seconds.', this.startTime),
      ...gauge('process_virtual_memory_bytes', 'Virtual memory size in bytes.', vsize),
      ...gauge('process_virtual_memory_max_bytes', 'Maximum amount of virtual memory available in bytes.', maxVirtualMemory()),
    ];
  }
}

/** Node.js runtime metrics in the spirit of go_* (heap and event loop), named nodejs_*. */
export class NodeRuntimeCollector implements Collector {
  collect(): MetricFamily[] {
    const m = process.memoryUsage();
    return [
      ...gauge('nodejs_heap_size_total_bytes', 'Process heap size from Node.js in bytes.', m.heapTotal),
      ...gauge('nodejs_heap_size_used_bytes', 'Process heap size used from Node.js in bytes.', m.heapUsed),
      ...gauge('nodejs_external_memory_bytes', 'Node.js external memory size in bytes.', m.external),
      {
        name: 'nodejs_version_info',
        help: 'Node.js version info.',
        type: 'gauge',
        samples: [{ suffix: '', labels: [['version', process.version]], value: 1 }],
      },
    ];
  }
}
