/**
 * node_exporter-like series for the TSDB benchmark: CPU-seconds counters with fractional
 * increments, byte counters, memory and filesystem gauges that change now and then, load
 * averages. Deterministic (seeded), so Vigil and the reference get exactly the same samples.
 */
import { Labels } from '../../src/model/labels/index.js';

type Kind = 'cpu' | 'bytes' | 'mem' | 'fs' | 'load';

export interface SeriesSpec {
  labels: Labels;
  kind: Kind;
}

const MODES = ['idle', 'iowait', 'irq', 'nice', 'softirq', 'steal', 'system', 'user'];
const MEM = ['MemAvailable_bytes', 'MemFree_bytes', 'Cached_bytes', 'Buffers_bytes', 'Active_bytes', 'Inactive_bytes'];

/** The n series, in the label layout of node_exporter (one instance per ~50 series). */
export function makeSeries(n: number): SeriesSpec[] {
  const out: SeriesSpec[] = [];
  for (let host = 0; out.length < n; host++) {
    // No port in the instance: promtool's bench label file format cannot hold ':' in values.
    const instance = `node-${String(host).padStart(5, '0')}.example.org`;
    const job = host % 10 === 0 ? 'node-db' : 'node';
    const add = (name: string, extra: Record<string, string>, kind: Kind): void => {
      if (out.length < n) out.push({ labels: Labels.fromObject({ __name__: name, instance, job, ...extra }), kind });
    };
    for (let cpu = 0; cpu < 4; cpu++) for (const mode of MODES) add('node_cpu_seconds_total', { cpu: String(cpu), mode }, 'cpu');
    for (const m of MEM) add(`node_memory_${m}`, {}, 'mem');
    for (const device of ['eth0', 'lo']) {
      add('node_network_receive_bytes_total', { device }, 'bytes');
      add('node_network_transmit_bytes_total', { device }, 'bytes');
    }
    for (const mp of ['/', '/boot', '/var']) add('node_filesystem_avail_bytes', { device: `/dev/sda${mp.length}`, fstype: 'ext4', mountpoint: mp }, 'fs');
    for (const w of ['1', '5', '15']) add(`node_load${w}`, {}, 'load');
  }
  return out;
}

/** A small deterministic PRNG (xorshift32) returning [0, 1). */
function rng(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/** Produces successive values of every series, one scrape at a time. */
export class ValueGenerator {
  private readonly state: Float64Array;
  private readonly rand: () => number;

  constructor(private readonly series: readonly SeriesSpec[], seed = 42) {
    this.state = new Float64Array(series.length);
    this.rand = rng(seed);
    for (let i = 0; i < series.length; i++) {
      const kind = (series[i] as SeriesSpec).kind;
      this.state[i] = kind === 'mem' ? 8e9 + Math.floor(this.rand() * 4e9) : kind === 'fs' ? 5e10 + Math.floor(this.rand() * 1e10) : kind === 'load' ? 0.5 : Math.floor(this.rand() * 1e6);
    }
  }

  /** Advances every series by one scrape and writes the values into out. */
  next(out: Float64Array): void {
    const r = this.rand;
    for (let i = 0; i < this.series.length; i++) {
      let v = this.state[i] as number;
      switch ((this.series[i] as SeriesSpec).kind) {
        case 'cpu':
          v = Math.round((v + r() * 15) * 100) / 100;
          break;
        case 'bytes':
          v += Math.floor(r() * 200_000);
          break;
        case 'mem':
          if (r() < 0.3) v += Math.floor((r() - 0.5) * 4096) * 4096;
          break;
        case 'fs':
          if (r() < 0.1) v -= 4096 * Math.floor(r() * 100);
          break;
        case 'load':
          v = Math.round(Math.max(0, v + (r() - 0.5) * 0.2) * 100) / 100;
          break;
      }
      this.state[i] = v;
      out[i] = v;
    }
  }
}

/** The OpenMetrics series text of labels (name{a="b",...}). */
export function omSeries(l: Labels): string {
  const name = l.get('__name__');
  const parts: string[] = [];
  l.forEach((k, v) => {
    if (k !== '__name__') parts.push(`${k}=${JSON.stringify(v)}`);
  });
  return parts.length > 0 ? `${name}{${parts.join(',')}}` : name;
}
