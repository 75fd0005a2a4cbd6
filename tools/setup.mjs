#!/usr/bin/env node
// Installs the pinned dependencies (npm ci) unless node_modules already holds exactly what
// package-lock.json pins — so the README's two commands, run one after the other, install once.
import { createHash } from 'node:crypto';
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.fanout-installed-lock');
const lockHash = createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex');

if (existsSync(marker) && readFileSync(marker, 'utf8') === lockHash) {
  console.log('setup: node_modules matches package-lock.json (npm ci skipped)');
} else {
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
  writeFileSync(marker, lockHash);
}
