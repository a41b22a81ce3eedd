// Bundles src/extension.ts and its dependencies (vscode-languageclient) into
// dist/extension.js, so the .vsix ships no node_modules. `--production` minifies and drops
// source maps.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');

await esbuild.build({
  entryPoints: ['src/extension.ts'],
  bundle: true,
  outfile: 'dist/extension.js',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
});
console.log(`Built dist/extension.js${production ? ' (production)' : ''}`);
