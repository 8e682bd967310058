// Copies the third-party front-end files the portal's pages use (bootstrap, icons, htmx) from node_modules into
// wwwroot/lib (git-ignored). Run by the BuildClientAssets target of the project when its inputs changed.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyVendorFiles } from '../../../build/vendor-files.mjs';

copyVendorFiles(join(dirname(fileURLToPath(import.meta.url)), '..'), [
  ['bootstrap/dist/css/bootstrap.min.css', 'bootstrap/css/bootstrap.min.css'],
  ['bootstrap/dist/css/bootstrap.min.css.map', 'bootstrap/css/bootstrap.min.css.map'],
  ['bootstrap/dist/js/bootstrap.bundle.min.js', 'bootstrap/js/bootstrap.bundle.min.js'],
  ['bootstrap/dist/js/bootstrap.bundle.min.js.map', 'bootstrap/js/bootstrap.bundle.min.js.map'],
  ['bootstrap-icons/font/bootstrap-icons.min.css', 'bootstrap-icons/bootstrap-icons.min.css'],
  ['bootstrap-icons/font/fonts', 'bootstrap-icons/fonts'],
  ['htmx.org/dist/htmx.min.js', 'htmx/htmx.min.js'],
]);
