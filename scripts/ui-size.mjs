#!/usr/bin/env node
// Prints the size of the built browser app (ui/dist): every file's bytes and gzip bytes, and
// the largest files. Run by `npm run build:ui` after the Vite build.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../ui/dist/', import.meta.url));

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
let files;
try {
  files = walk(root);
} catch {
  console.error('ui/dist not found: the UI is not built');
  process.exit(1);
}
const rows = files.map((f) => {
  const body = readFileSync(f);
  return { name: relative(root, f), bytes: body.length, gz: gzipSync(body, { level: 9 }).length };
});
const total = rows.reduce((a, r) => a + r.bytes, 0);
const gz = rows.reduce((a, r) => a + r.gz, 0);
rows.sort((a, b) => b.bytes - a.bytes);
for (const r of rows.slice(0, 8)) console.log(`  ${r.name.padEnd(48)} ${kb(r.bytes).padStart(11)}  gzip ${kb(r.gz).padStart(10)}`);
console.log(`ui/dist: ${rows.length} files, ${kb(total)} total, ${kb(gz)} gzip`);
