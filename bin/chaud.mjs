#!/usr/bin/env node
// Launcher: checks the Node version before loading TypeScript sources (run natively by type stripping).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `Chaud needs Node.js 22.18 or newer (24 LTS recommended); this is ${process.version}.\n` +
      'Install it, for example: npm install -g --prefix /opt/node24 node@24 && export PATH=/opt/node24/bin:$PATH',
  );
  process.exit(1);
}
await import('../src/main/cli.ts');
