import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/harness.ts';
import { captureLead } from '../../../workflows/lead-intake.workflow.ts';
import { leadIdentities, leads, mergeProposals } from '../../leads/index.ts';
import { csvImportFixtures } from './csv-import.fixtures.ts';
import { importLeadsFromCsv } from './csv-import.service.ts';

// The same person twice, in one file or across imports: one lead, merge proposals, counts at volume,
// and the same result as capturing each row one by one.

let test: TestContext;
let csv: ReturnType<typeof csvImportFixtures>;

beforeAll(async () => {
  test = await createTestContext();
  csv = csvImportFixtures(test);
});
afterAll(async () => {
  await test.close();
  csv.remove();
});

describe('importLeadsFromCsv', () => {
  it('makes one lead of the same person appearing twice, and matches existing leads', async () => {
    const ws = await test.createWorkspace('dedup');
    const first = csv.writeCsv(
      'email,first name\nsam@example.com,Sam\nSAM@example.com ,Samuel\nkim@example.com,Kim\n',
    );
    expect(
      await importLeadsFromCsv(test.ctx, { filePath: first, workspaceId: ws.workspaceId }),
    ).toMatchObject({
      rowsRead: 3,
      created: 2,
      updated: 1,
    });
    const again = csv.writeCsv('email,job title\nkim@example.com,CTO\n');
    expect(
      await importLeadsFromCsv(test.ctx, { filePath: again, workspaceId: ws.workspaceId }),
    ).toMatchObject({
      created: 0,
      updated: 1,
    });
    expect((await csv.countRows(ws.workspaceId)).leads).toBe(2);
    expect(await csv.leadByEmail(ws.workspaceId, 'sam@example.com')).toMatchObject({ firstName: 'Samuel' });
    expect(await csv.leadByEmail(ws.workspaceId, 'kim@example.com')).toMatchObject({ jobTitle: 'CTO' });
  });

  it('opens a merge proposal when a row joins an email lead and a phone lead', async () => {
    const ws = await test.createWorkspace('merge');
    const file = csv.writeCsv('email;phone\nana@example.com;\n;0711223344\nana@example.com;0711223344\n');
    const summary = await importLeadsFromCsv(test.ctx, { filePath: file, workspaceId: ws.workspaceId });
    expect(summary).toMatchObject({ created: 2, updated: 1, mergeProposals: 1 });
  });

  it('imports 5 000 rows with duplicates and invalid rows, counting each kind', async () => {
    const ws = await test.createWorkspace('5k');
    const lines = ['email;prénom;téléphone;société'];
    for (let index = 0; index < 5000; index++) {
      if (index % 100 === 99) lines.push(`invalid-${index};X;;`);
      else if (index % 50 === 25) lines.push(`person${index - 1}@example.com;Again;;`);
      else
        lines.push(`person${index}@example.com;Léa ${index};06${String(20000000 + index)};Acme ${index % 7}`);
    }
    const progress: number[] = [];
    const summary = await importLeadsFromCsv(test.ctx, {
      filePath: csv.writeCsv(`${lines.join('\r\n')}\r\n`),
      workspaceId: ws.workspaceId,
      onProgress: (update) => progress.push(update.rowsRead),
    });
    // 50 invalid (every 100th), 100 duplicates of the previous row (every 50th, offset 25).
    expect(summary).toMatchObject({ rowsRead: 5000, rejected: 50, updated: 100, created: 4850 });
    expect((await csv.countRows(ws.workspaceId)).leads).toBe(4850);
    expect(progress.at(-1)).toBe(5000);
    expect(progress.length).toBeGreaterThan(5);
  });

  it('gives the same leads, identities and merge proposals as capturing each row one by one', async () => {
    const bulk = await test.createWorkspace('bulk');
    const oneByOne = await test.createWorkspace('one-by-one');
    const existing = [
      { email: 'known@example.com', firstName: 'Known' },
      { phone: '0622222222', firstName: 'ByPhone' },
      { email: 'other@example.com', jobTitle: 'CEO' },
    ];
    const rows = [
      { email: 'new1@example.com', firstName: 'New' },
      { email: 'known@example.com', lastName: 'Updated' },
      { email: 'added@example.com', phone: '0622222222' },
      { email: 'new1@example.com', jobTitle: 'Dup in file' },
      { email: 'other@example.com', phone: '0622222222' },
      { phone: '0633333333', firstName: 'Phone only' },
    ];
    for (const workspaceId of [bulk.workspaceId, oneByOne.workspaceId]) {
      for (const fields of existing) {
        await captureLead(test.ctx, {
          workspaceId,
          fields,
          proof: { method: 'api' },
          eventType: 'lead_captured',
          eventSource: 'api',
          occurredAt: test.clock.now(),
        });
      }
    }
    const header = ['email', 'phone', 'firstName', 'lastName', 'jobTitle'] as const;
    const csvText = [
      header.join(','),
      ...rows.map((row) => header.map((key) => row[key as keyof typeof row] ?? '').join(',')),
    ].join('\n');
    await importLeadsFromCsv(test.ctx, { filePath: csv.writeCsv(csvText), workspaceId: bulk.workspaceId });
    for (const fields of rows) {
      await captureLead(test.ctx, {
        workspaceId: oneByOne.workspaceId,
        fields,
        touch: { source: 'import' },
        proof: { method: 'import' },
        eventType: 'lead_captured',
        eventSource: 'import',
        occurredAt: test.clock.now(),
      });
    }
    const snapshot = async (workspaceId: string) => {
      const leadRows = await test.ctx.db.select().from(leads).where(eq(leads.workspaceId, workspaceId));
      const emailOf = new Map(leadRows.map((row) => [row.id, row.email ?? row.phone]));
      const identities = await test.ctx.db
        .select()
        .from(leadIdentities)
        .where(eq(leadIdentities.workspaceId, workspaceId));
      const proposals = await test.ctx.db
        .select()
        .from(mergeProposals)
        .where(eq(mergeProposals.workspaceId, workspaceId));
      return {
        leads: leadRows
          .map((row) =>
            [row.email, row.phone, row.firstName, row.lastName, row.jobTitle, row.source, row.version].join(
              '|',
            ),
          )
          .sort(),
        identities: identities.map((row) => `${emailOf.get(row.leadId)}:${row.kind}:${row.value}`).sort(),
        proposals: proposals
          .map((row) => `${emailOf.get(row.leadId)}→${emailOf.get(row.otherLeadId)}`)
          .sort(),
      };
    };
    const expected = await snapshot(oneByOne.workspaceId);
    expect(expected.proposals).toHaveLength(1);
    expect(await snapshot(bulk.workspaceId)).toEqual(expected);
  });
});
