// Copies third-party front-end files from a project's node_modules into its wwwroot/lib (git-ignored): the one
// mechanism both web projects' Client/build.mjs use. `files` lists [from under node_modules, to under wwwroot/lib].
import { cpSync, mkdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function copyVendorFiles(root, files) {
  const lib = join(root, 'wwwroot', 'lib');
  for (const [from, to] of files) {
    const source = join(root, 'node_modules', from);
    if (!existsSync(source)) {
      console.error(`Missing ${source}: run "npm ci" in ${root}.`);
      process.exit(1);
    }
    const target = join(lib, to);
    mkdirSync(statSync(source).isDirectory() ? target : dirname(target), { recursive: true });
    cpSync(source, target, { recursive: true, preserveTimestamps: true });
  }
  return lib;
}
