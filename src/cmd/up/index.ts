/**
 * `vigil up`: the all-in-one. Runs `vigil server` and `vigil alertmanager` as two child
 * processes side by side (what `npm start` runs), prefixes their log lines, forwards SIGINT,
 * SIGTERM and SIGHUP to both, and stops the other when one exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { versionText } from '../../version/index.js';
import { FlagSyntaxError, FlagValueError, parseFlags, usageText, type FlagSpec } from '../kingpin/index.js';

const FLAGS: readonly FlagSpec[] = [
  { name: 'config.file', help: "The server's configuration file (prometheus.yml).", kind: 'string', default: 'examples/prometheus.yml' },
  {
    name: 'alertmanager.config.file',
    help: "The Alertmanager's configuration file (alertmanager.yml).",
    kind: 'string',
    default: 'examples/alertmanager.yml',
  },
  { name: 'storage.path', help: 'Base directory: the TSDB in <path>/prometheus, the Alertmanager in <path>/alertmanager.', kind: 'string', default: 'data/' },
  { name: 'web.listen-address', help: "The server's listen address.", kind: 'string', default: ':9090' },
  { name: 'alertmanager.listen-address', help: "The Alertmanager's listen address.", kind: 'string', default: ':9093' },
  { name: 'log.level', help: 'Only log messages with the given severity or above: debug, info, warn, error.', kind: 'string', default: 'info' },
];

const DESCRIPTION = 'The all-in-one: the Vigil server and the Vigil Alertmanager side by side.';

function binPath(): string {
  return fileURLToPath(new URL('../../../../bin/vigil', import.meta.url));
}

function start(name: string, args: readonly string[]): ChildProcess {
  const child = spawn(process.execPath, [binPath(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream === null) continue;
    const out = stream === child.stdout ? process.stdout : process.stderr;
    createInterface({ input: stream }).on('line', (line) => out.write(`[${name}] ${line}\n`));
  }
  return child;
}

/** Waits (at most 15 s) until the process answers /-/ready on its listen address, or exits. */
async function waitReady(listen: string, child: ChildProcess): Promise<void> {
  const i = listen.lastIndexOf(':');
  const host = listen.slice(0, i).replace(/^\[|\]$/g, '');
  const url = `http://${host === '' || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host}:${listen.slice(i + 1)}/-/ready`;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs both components until both have exited; resolves with the first non-zero exit code (or 0). */
export async function upCommand(args: string[]): Promise<number> {
  let flags;
  try {
    flags = parseFlags(FLAGS, args);
  } catch (e) {
    if (e instanceof FlagSyntaxError || e instanceof FlagValueError) {
      process.stderr.write(`vigil up: error: ${e.message}, try --help\n`);
      return e instanceof FlagSyntaxError ? 1 : 2;
    }
    throw e;
  }
  if (flags.help) {
    process.stdout.write(usageText('vigil up', DESCRIPTION, FLAGS) + '\n');
    return 0;
  }
  if (flags.version) {
    process.stdout.write(versionText('vigil') + '\n');
    return 0;
  }
  const v = (n: string): string => flags.values.get(n) ?? '';
  const base = v('storage.path');
  const amData = join(base, 'alertmanager');
  mkdirSync(amData, { recursive: true });
  // The Alertmanager starts first and the server once it is ready: the server sends an alert
  // when it starts firing and then only every --rules.alert.resend-delay (1m), so a first send
  // into a not yet listening Alertmanager would hold notifications back for a minute.
  const children: ChildProcess[] = [
    start('alertmanager', [
      'alertmanager',
      `--config.file=${v('alertmanager.config.file')}`,
      `--storage.path=${amData}`,
      `--web.listen-address=${v('alertmanager.listen-address')}`,
      `--log.level=${v('log.level')}`,
    ]),
  ];
  await waitReady(v('alertmanager.listen-address'), children[0] as ChildProcess);
  children.push(
    start('server', [
      'server',
      `--config.file=${v('config.file')}`,
      `--storage.tsdb.path=${join(base, 'prometheus')}`,
      `--web.listen-address=${v('web.listen-address')}`,
      `--log.level=${v('log.level')}`,
    ]),
  );
  // A component that is already stopping is not signalled again (a second SIGTERM makes a
  // process give up its graceful shutdown).
  const stopping = new Set<ChildProcess>();
  const forward = (sig: NodeJS.Signals): void => {
    for (const c of children) {
      if (c.exitCode !== null || c.signalCode !== null || stopping.has(c)) continue;
      if (sig !== 'SIGHUP') stopping.add(c);
      c.kill(sig);
    }
  };
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((sig) => {
    const h = (): void => forward(sig);
    process.on(sig, h);
    return [sig, h] as const;
  });
  const codes = await Promise.all(
    children.map(
      (c) =>
        new Promise<number>((resolve) => {
          c.once('exit', (code) => {
            // One component stopped: the all-in-one stops as a whole.
            forward('SIGTERM');
            resolve(code ?? 1);
          });
        }),
    ),
  );
  for (const [sig, h] of handlers) process.off(sig, h);
  return codes.find((c) => c !== 0) ?? 0;
}
