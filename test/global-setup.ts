import { ensureWebBuild } from '../src/main/web-build.ts';
import { preparePgliteTemplate, preparePostgresTemplate } from './database-template.ts';

/** Migrates each database kind once per run into a template that every test file copies. */
export default async function setup(project: { config: { env?: Record<string, string> } }): Promise<void> {
  const kind = project.config.env?.CHAUD_TEST_DB;
  if (kind === 'postgres') await preparePostgresTemplate(process.env.TEST_DATABASE_URL!);
  else await preparePgliteTemplate();
  // The browser suites serve the real web app; building it here once keeps test files from racing to build it.
  await ensureWebBuild();
}
