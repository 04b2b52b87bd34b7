import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import type { TestContext } from '../../../../test/harness.ts';
import { events, leads } from '../../leads/index.ts';

// Shared by the CSV import suites: a scratch folder for the files to import, and reads of what an
// import stored.

export function csvImportFixtures(test: TestContext) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaud-import-'));
  let fileCounter = 0;
  return {
    /** The scratch folder, deleted by remove(). */
    dir,
    writeCsv(content: string | Buffer): string {
      const file = path.join(dir, `file-${++fileCounter}.csv`);
      fs.writeFileSync(file, content);
      return file;
    },
    async countRows(workspaceId: string) {
      const [leadCount] = await test.ctx.db
        .select({ n: count() })
        .from(leads)
        .where(eq(leads.workspaceId, workspaceId));
      const [eventCount] = await test.ctx.db
        .select({ n: count() })
        .from(events)
        .where(eq(events.workspaceId, workspaceId));
      return { leads: leadCount!.n, events: eventCount!.n };
    },
    async leadByEmail(workspaceId: string, email: string) {
      return (
        await test.ctx.db
          .select()
          .from(leads)
          .where(and(eq(leads.workspaceId, workspaceId), eq(leads.email, email)))
      )[0];
    },
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
