// Builds the dashboard into one folder that src/Baton/Baton.csproj embeds in the baton executable:
//   node build.mjs <output folder>
// app.js (src/main.js and everything it imports, bundled and minified), app.css (styles/main.css and its imports)
// and index.html. Nothing else is written there, so the project can embed every file of the folder as it is.
import { build } from 'esbuild';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const target = process.argv[2];
if (!target) {
  console.error('usage: node build.mjs <output folder>');
  process.exit(2);
}

const out = resolve(target);
await mkdir(out, { recursive: true });
// A file left from an earlier build (a renamed asset) would be embedded too: start from an empty folder.
for (const name of await readdir(out)) {
  await rm(join(out, name), { recursive: true, force: true });
}

const common = {
  bundle: true,
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: here,
};

await Promise.all([
  build({
    ...common,
    entryPoints: { app: 'src/main.js' },
    outdir: out,
    format: 'esm',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    define: { 'process.env.NODE_ENV': '"production"' },
  }),
  build({
    ...common,
    entryPoints: { app: 'styles/main.css' },
    outdir: out,
    target: ['chrome110', 'firefox110', 'safari16'],
  }),
  copyFile(join(here, 'index.html'), join(out, 'index.html')),
]);
