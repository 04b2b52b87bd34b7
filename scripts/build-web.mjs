#!/usr/bin/env node
// `npm run build:web`: builds the web app now (chaud serve does it on first start when sources changed).
import { ensureWebBuild } from '../src/main/web-build.ts';

const result = await ensureWebBuild((message) => console.log(`[chaud] ${message}`));
console.log(
  `[chaud] web app ${result.built ? `built in ${result.ms} ms` : 'already up to date'}: ${result.dir}`,
);
