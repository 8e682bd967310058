// Copies the third-party front-end files the portal's pages use (bootstrap, icons, htmx) from node_modules into
// wwwroot/lib (git-ignored). Run by the BuildClientAssets target of the project when its inputs changed.
import { cpSync, mkdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = join(root, 'wwwroot', 'lib');

const files = [
  ['bootstrap/dist/css/bootstrap.min.css', 'bootstrap/css/bootstrap.min.css'],
  ['bootstrap/dist/css/bootstrap.min.css.map', 'bootstrap/css/bootstrap.min.css.map'],
  ['bootstrap/dist/js/bootstrap.bundle.min.js', 'bootstrap/js/bootstrap.bundle.min.js'],
  ['bootstrap/dist/js/bootstrap.bundle.min.js.map', 'bootstrap/js/bootstrap.bundle.min.js.map'],
  ['bootstrap-icons/font/bootstrap-icons.min.css', 'bootstrap-icons/bootstrap-icons.min.css'],
  ['bootstrap-icons/font/fonts', 'bootstrap-icons/fonts'],
  ['htmx.org/dist/htmx.min.js', 'htmx/htmx.min.js'],
];

for (const [from, to] of files) {
  const source = join(root, 'node_modules', from);
  if (!existsSync(source)) {
    console.error(`Missing ${source}: run "npm ci" in src/Portal.`);
    process.exit(1);
  }
  const target = join(lib, to);
  mkdirSync(statSync(source).isDirectory() ? target : dirname(target), { recursive: true });
  cpSync(source, target, { recursive: true, preserveTimestamps: true });
}
