/**
 * The target farm of the scrape benchmark, run as its own process so its CPU is not counted:
 * N targets x M series in the text format, values changing on every scrape, served by one
 * node process on several loopback ports at /t/<i>/metrics. Prints {"ports":[...]} when ready.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}

const targets = arg('targets', 50);
const series = arg('series', 2000);
const nports = arg('ports', 4);
const scrapes = new Uint32Array(targets);

/** Series names fixed per target, values change per scrape (a counter and a gauge mix). */
const prefixes: string[][] = [];
for (let t = 0; t < targets; t++) {
  const p: string[] = [];
  for (let s = 0; s < series; s++) {
    const kind = s % 2 === 0 ? 'requests_total' : 'temperature';
    p.push(`bench_${kind}{target="t${t}",series="s${s}",path="/api/v1/resource/${s % 37}",code="${200 + (s % 5)}"} `);
  }
  prefixes.push(p);
}

function body(t: number): string {
  const n = ++scrapes[t]!;
  const p = prefixes[t] as string[];
  const lines: string[] = ['# HELP bench_requests_total Requests.\n# TYPE bench_requests_total counter\n'];
  for (let s = 0; s < p.length; s++) lines.push(p[s] + (s % 2 === 0 ? String(n * (s + 1)) : ((n * 7 + s) % 100 / 3).toFixed(3)) + '\n');
  return lines.join('');
}

const servers: http.Server[] = [];
const ports: number[] = [];
for (let i = 0; i < nports; i++) {
  const srv = http.createServer((req, res) => {
    const m = /^\/t\/(\d+)\/metrics/.exec(req.url ?? '');
    const t = m ? Number(m[1]) : -1;
    if (t < 0 || t >= targets) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(body(t));
  });
  srv.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  servers.push(srv);
  ports.push((srv.address() as AddressInfo).port);
}
process.stdout.write(JSON.stringify({ ports }) + '\n');
process.on('SIGTERM', () => {
  for (const s of servers) s.close();
  process.exit(0);
});
