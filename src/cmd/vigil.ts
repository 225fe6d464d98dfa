#!/usr/bin/env node
/**
 * The vigil command line: one binary for the Prometheus stack's tools. Subcommands are named
 * after the upstream commands (prometheus -> server, promtool -> check/test/query/tsdb/promql,
 * alertmanager, amtool). This file only dispatches; each command lives in its own module.
 */
import { versionText } from '../version/index.js';

interface Command {
  path: string[];
  summary: string;
  run: (args: string[]) => Promise<number>;
}

const commands: Command[] = [
  {
    path: ['server'],
    summary: 'Run the Prometheus-compatible server (scraping, TSDB, PromQL, HTTP API).',
    run: async (args) => (await import('./server/index.js')).serverCommand(args),
  },
  {
    path: ['alertmanager'],
    summary: 'Run the Alertmanager-compatible server (routing, grouping, silences, receivers, API v2).',
    run: async (args) => (await import('./alertmanager/index.js')).runAlertmanager(args),
  },
  {
    path: ['up'],
    summary: 'Run the all-in-one: the server and the Alertmanager side by side (what `npm start` runs).',
    run: async (args) => (await import('./up/index.js')).upCommand(args),
  },
  {
    path: ['test', 'promql'],
    summary: 'Run PromQL test scripts (promqltest format) against the engine.',
    run: async (args) => (await import('./promtool/index.js')).testPromql(args),
  },
  {
    path: ['test', 'rules'],
    summary: 'Unit tests for rules (promtool test rules format).',
    run: async (args) => (await import('./promtool/index.js')).testRules(args),
  },
  {
    path: ['check', 'config'],
    summary: 'Check that prometheus.yml files (and the rule files they name) are valid.',
    run: async (args) => (await import('./promtool/index.js')).checkConfig(args),
  },
  {
    path: ['check', 'web-config'],
    summary: 'Check that web configuration files (TLS, basic auth) are valid.',
    run: async (args) => (await import('./promtool/index.js')).checkWebConfig(args),
  },
  {
    path: ['check', 'rules'],
    summary: 'Check if the rule files are valid or not.',
    run: async (args) => (await import('./promtool/index.js')).checkRules(args),
  },
  {
    path: ['check', 'metrics'],
    summary: 'Lint metrics read from stdin (Prometheus text exposition format).',
    run: async (args) => (await import('./promtool/index.js')).checkMetrics(args),
  },
  {
    path: ['query'],
    summary: 'Run a query against a Prometheus-compatible server (instant, range, series, labels, analyze).',
    run: async (args) => (await import('./promtool/index.js')).queryCommand(args),
  },
  {
    path: ['tsdb', 'list'],
    summary: 'List the blocks of a TSDB data directory.',
    run: async (args) => (await import('./promtool/index.js')).tsdbList(args),
  },
  {
    path: ['tsdb', 'analyze'],
    summary: 'Analyze churn, label pair cardinality and compaction efficiency of a block.',
    run: async (args) => (await import('./promtool/index.js')).tsdbAnalyze(args),
  },
  {
    path: ['tsdb', 'dump'],
    summary: 'Dump samples from a TSDB data directory.',
    run: async (args) => (await import('./promtool/index.js')).tsdbDump(args),
  },
  {
    path: ['tsdb', 'create-blocks-from'],
    summary: 'Create blocks from OpenMetrics input (backfill): create-blocks-from openmetrics INPUT [OUTDIR].',
    run: async (args) => (await import('./promtool/index.js')).tsdbCreateBlocksFrom(args),
  },
  {
    path: ['amtool'],
    summary: 'Alertmanager tooling: alert, silence, check-config, config routes, template render.',
    run: async (args) => (await import('./amtool/index.js')).amtoolCommand(args),
  },
  {
    path: ['promql', 'format'],
    summary: 'Format a PromQL query the way /api/v1/format_query does.',
    run: async (args) => (await import('./promtool/index.js')).promqlFormat(args),
  },
];

function usage(): string {
  const lines = [
    'usage: vigil [<flags>] <command> [<args> ...]',
    '',
    'Vigil: the Prometheus stack (scraping, TSDB, PromQL, rules, alerting, dashboards) in one program.',
    '',
    'Flags:',
    '  -h, --help     Show help.',
    '      --version  Show application version.',
    '',
    'Commands:',
  ];
  for (const c of commands) lines.push(`  ${c.path.join(' ').padEnd(16)} ${c.summary}`);
  lines.push('', "Run 'vigil <command> --help' for a command's own flags.");
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') {
    process.stdout.write(usage() + '\n');
    return argv.length === 0 ? 1 : 0;
  }
  if (argv[0] === '--version' || argv[0] === 'version') {
    process.stdout.write(versionText('vigil') + '\n');
    return 0;
  }
  const cmd = commands.find((c) => c.path.every((p, i) => argv[i] === p));
  if (!cmd) {
    const known = commands.filter((c) => c.path[0] === argv[0]);
    const hint = known.length > 0 ? ` (try: ${known.map((c) => 'vigil ' + c.path.join(' ')).join(', ')})` : '';
    process.stderr.write(`vigil: error: unknown command "${argv.slice(0, 2).join(' ')}"${hint}; see 'vigil --help'\n`);
    return 1;
  }
  return cmd.run(argv.slice(cmd.path.length));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`vigil: error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
