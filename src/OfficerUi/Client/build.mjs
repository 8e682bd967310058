// Copies the third-party front-end files the pages use (bootstrap, icons, htmx, Chart.js, the bpmn-js viewer) from node_modules into wwwroot/lib (git-ignored),
// and bundles the workflow designer (Client/designer: bpmn-js modeler, properties panel, our dw: extensions) with esbuild into wwwroot/lib/designer.
// Run by the NpmAssets target of the project when its inputs changed.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyVendorFiles } from '../../../build/vendor-files.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = copyVendorFiles(root, [
  ['bootstrap/dist/css/bootstrap.min.css', 'bootstrap/css/bootstrap.min.css'],
  ['bootstrap/dist/css/bootstrap.min.css.map', 'bootstrap/css/bootstrap.min.css.map'],
  ['bootstrap/dist/js/bootstrap.bundle.min.js', 'bootstrap/js/bootstrap.bundle.min.js'],
  ['bootstrap/dist/js/bootstrap.bundle.min.js.map', 'bootstrap/js/bootstrap.bundle.min.js.map'],
  ['bootstrap-icons/font/bootstrap-icons.min.css', 'bootstrap-icons/bootstrap-icons.min.css'],
  ['bootstrap-icons/font/fonts', 'bootstrap-icons/fonts'],
  ['htmx.org/dist/htmx.min.js', 'htmx/htmx.min.js'],
  ['chart.js/dist/chart.umd.min.js', 'chart.js/chart.umd.min.js'],
  ['bpmn-js/dist/bpmn-navigated-viewer.production.min.js', 'bpmn-js/bpmn-navigated-viewer.production.min.js'],
  ['bpmn-js/dist/assets/diagram-js.css', 'bpmn-js/diagram-js.css'],
  ['bpmn-js/dist/assets/bpmn-js.css', 'bpmn-js/bpmn-js.css'],
]);

// The designer: one script and one stylesheet (with bpmn-js's icon font), minified.
const esbuild = await import('esbuild');
await esbuild.build({
  entryPoints: { designer: join(root, 'Client', 'designer', 'index.js'), 'designer-styles': join(root, 'Client', 'designer', 'designer.css') },
  outdir: join(lib, 'designer'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2022',
  jsx: 'automatic',
  jsxImportSource: '@bpmn-io/properties-panel/preact',
  loader: { '.js': 'jsx', '.eot': 'file', '.svg': 'file', '.ttf': 'file', '.woff': 'file', '.woff2': 'file' },
  assetNames: '[name]-[hash]',
  legalComments: 'linked',
  logLevel: 'warning',
});
