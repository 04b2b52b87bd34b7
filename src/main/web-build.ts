import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the web app's sources live and where its build goes (gitignored). */
export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');
export const WEB_DIST_DIR = path.join(WEB_DIR, 'dist');
const STAMP_FILE = '.chaud-build-hash';

function listSources(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (
      entry.name === 'dist' ||
      entry.name.startsWith('dist.') ||
      entry.name === 'node_modules' ||
      entry.name.startsWith('.')
    )
      continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listSources(full));
    else if (!/\.(test|e2e\.test|int\.test)\.tsx?$/.test(entry.name)) found.push(full);
  }
  return found.sort();
}

/** Hash of everything the build reads: sources, index.html and the locked dependency versions. */
export function webSourceHash(): string {
  const hash = createHash('sha256');
  for (const file of listSources(WEB_DIR)) {
    hash.update(path.relative(WEB_DIR, file));
    hash.update(fs.readFileSync(file));
  }
  const lock = path.join(WEB_DIR, '..', 'package-lock.json');
  if (fs.existsSync(lock)) hash.update(fs.readFileSync(lock));
  return hash.digest('hex').slice(0, 16);
}

export interface WebBuildResult {
  dir: string;
  built: boolean;
  ms: number;
}

/**
 * Builds the React app with Vite unless the last build came from the same sources. The build goes to a
 * temporary folder renamed into place, so a process serving the old build, or a second process starting at
 * the same time, never sees half a build.
 */
export async function ensureWebBuild(log: (message: string) => void = () => {}): Promise<WebBuildResult> {
  const started = Date.now();
  const hash = webSourceHash();
  const stamp = path.join(WEB_DIST_DIR, STAMP_FILE);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash)
    return { dir: WEB_DIST_DIR, built: false, ms: Date.now() - started };
  log('building the web app (first start or changed sources; cached afterwards)…');
  const [{ build }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
  const staging = `${WEB_DIST_DIR}.${process.pid}.${Date.now()}`;
  try {
    await build({
      root: WEB_DIR,
      configFile: false,
      logLevel: 'warn',
      plugins: [react()],
      build: {
        outDir: staging,
        emptyOutDir: true,
        chunkSizeWarningLimit: 2000,
        rollupOptions: { input: { app: path.join(WEB_DIR, 'index.html') } },
      },
    });
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  fs.writeFileSync(path.join(staging, STAMP_FILE), hash);
  const previous = `${WEB_DIST_DIR}.old.${process.pid}`;
  if (fs.existsSync(WEB_DIST_DIR)) fs.renameSync(WEB_DIST_DIR, previous);
  fs.renameSync(staging, WEB_DIST_DIR);
  fs.rmSync(previous, { recursive: true, force: true });
  return { dir: WEB_DIST_DIR, built: true, ms: Date.now() - started };
}
