import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../../test/harness.ts';
import { AppError } from '../../../platform/errors.ts';
import { captureLead } from '../../../workflows/lead-intake.workflow.ts';
import { events, leadIdentities, leads, mergeProposals } from '../../leads/index.ts';
import { consents } from '../../privacy/index.ts';
import { resolveWorkspaceId } from './csv-import.options.ts';
import { importLeadsFromCsv } from './csv-import.service.ts';
import { parseMapOption } from './header-mapping.rules.ts';

let test: TestContext;
let workspace: TestWorkspace;
let dir: string;
let fileCounter = 0;

beforeAll(async () => {
  test = await createTestContext();
  workspace = await test.createWorkspace();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaud-import-'));
});
afterAll(async () => {
  await test.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function writeCsv(content: string | Buffer): string {
  const file = path.join(dir, `file-${++fileCounter}.csv`);
  fs.writeFileSync(file, content);
  return file;
}

async function countRows(workspaceId: string) {
  const [leadCount] = await test.ctx.db
    .select({ n: count() })
    .from(leads)
    .where(eq(leads.workspaceId, workspaceId));
  const [eventCount] = await test.ctx.db
    .select({ n: count() })
    .from(events)
    .where(eq(events.workspaceId, workspaceId));
  return { leads: leadCount!.n, events: eventCount!.n };
}

const leadByEmail = async (workspaceId: string, email: string) =>
  (
    await test.ctx.db
      .select()
      .from(leads)
      .where(and(eq(leads.workspaceId, workspaceId), eq(leads.email, email)))
  )[0];

describe('importLeadsFromCsv', () => {
  it('imports a French Excel export: Windows-1252, semicolons, CRLF, French headers', async () => {
    const ws = await test.createWorkspace('fr');
    const text =
      'Courriel;Prénom;Nom;Société;Téléphone;Pays;Poste;Remarque\r\n' +
      'helene@exemple.fr;Hélène;Lefèvre;Crème & Cie;06 12 34 56 78;France;Directrice générale;à rappeler\r\n' +
      'noel@exemple.fr;Noël;Çelik;"Société ""Été""; SARL";;FR;;\r\n';
    const file = writeCsv(iconv.encode(text, 'win1252'));
    const summary = await importLeadsFromCsv(test.ctx, { filePath: file, workspaceId: ws.workspaceId });
    expect(summary).toMatchObject({
      rowsRead: 2,
      created: 2,
      updated: 0,
      rejected: 0,
      encoding: 'windows-1252',
      delimiter: ';',
      errorReportPath: null,
    });
    const helene = await leadByEmail(ws.workspaceId, 'helene@exemple.fr');
    expect(helene).toMatchObject({
      firstName: 'Hélène',
      lastName: 'Lefèvre',
      companyName: 'Crème & Cie',
      phone: '+33612345678',
      country: 'FR',
      jobTitle: 'Directrice générale',
      attributes: { Remarque: 'à rappeler' },
      source: 'import',
    });
    expect((await leadByEmail(ws.workspaceId, 'noel@exemple.fr'))?.companyName).toBe('Société "Été"; SARL');
  });

  it('reads UTF-8 with a BOM and tab delimiters', async () => {
    const ws = await test.createWorkspace('bom');
    const file = writeCsv(`\uFEFFE-mail\tFirst name\tCompany\nzoe@example.com\tZoé\tÆther\n`);
    const summary = await importLeadsFromCsv(test.ctx, { filePath: file, workspaceId: ws.workspaceId });
    expect(summary).toMatchObject({ created: 1, encoding: 'utf-8', delimiter: '\t' });
    expect(await leadByEmail(ws.workspaceId, 'zoe@example.com')).toMatchObject({
      firstName: 'Zoé',
      companyName: 'Æther',
    });
  });

  it('reads mixed line endings and keeps line numbers right', async () => {
    const ws = await test.createWorkspace('mixed');
    const file = writeCsv('email,notes\r\nm1@example.com,"a\nb"\nbad,x\rm2@example.com,y\r\nworse,z\n');
    const summary = await importLeadsFromCsv(test.ctx, { filePath: file, workspaceId: ws.workspaceId });
    expect(summary).toMatchObject({ rowsRead: 4, created: 2, rejected: 2 });
    const report = fs.readFileSync(summary.errorReportPath!, 'utf8');
    expect(
      report
        .split('\r\n')
        .slice(1, 3)
        .map((line) => line.split(',')[0]),
    ).toEqual(['4', '6']);
  });

  it('makes one lead of the same person appearing twice, and matches existing leads', async () => {
    const ws = await test.createWorkspace('dedup');
    const first = writeCsv(
      'email,first name\nsam@example.com,Sam\nSAM@example.com ,Samuel\nkim@example.com,Kim\n',
    );
    expect(
      await importLeadsFromCsv(test.ctx, { filePath: first, workspaceId: ws.workspaceId }),
    ).toMatchObject({
      rowsRead: 3,
      created: 2,
      updated: 1,
    });
    const again = writeCsv('email,job title\nkim@example.com,CTO\n');
    expect(
      await importLeadsFromCsv(test.ctx, { filePath: again, workspaceId: ws.workspaceId }),
    ).toMatchObject({
      created: 0,
      updated: 1,
    });
    expect((await countRows(ws.workspaceId)).leads).toBe(2);
    expect(await leadByEmail(ws.workspaceId, 'sam@example.com')).toMatchObject({ firstName: 'Samuel' });
    expect(await leadByEmail(ws.workspaceId, 'kim@example.com')).toMatchObject({ jobTitle: 'CTO' });
  });

  it('opens a merge proposal when a row joins an email lead and a phone lead', async () => {
    const ws = await test.createWorkspace('merge');
    const file = writeCsv('email;phone\nana@example.com;\n;0711223344\nana@example.com;0711223344\n');
    const summary = await importLeadsFromCsv(test.ctx, { filePath: file, workspaceId: ws.workspaceId });
    expect(summary).toMatchObject({ created: 2, updated: 1, mergeProposals: 1 });
  });

  it('writes rejected rows to the error report with the right line numbers (header, CRLF, multi-line cells)', async () => {
    const ws = await test.createWorkspace('report');
    const file = writeCsv(
      'email,first name,notes\r\n' + // line 1
        'ok1@example.com,Ann,"two\r\nlines"\r\n' + // lines 2-3
        '\r\n' + // line 4 (blank, skipped)
        'not-an-email,Bob,\r\n' + // line 5
        ',Carl,no identity\r\n' + // line 6
        'ok2@example.com,"=HYPERLINK(""x"")",\r\n' + // line 7
        'bad@@example.com,Dan,\r\n', // line 8
    );
    const reportPath = path.join(dir, 'custom-report.csv');
    const summary = await importLeadsFromCsv(test.ctx, {
      filePath: file,
      workspaceId: ws.workspaceId,
      errorReportPath: reportPath,
    });
    expect(summary).toMatchObject({ rowsRead: 5, created: 2, rejected: 3, errorReportPath: reportPath });
    const report = fs.readFileSync(reportPath, 'utf8');
    expect(report.startsWith('\uFEFFline,column,reason,value\r\n')).toBe(true);
    const lines = report.slice(1).trimEnd().split('\r\n');
    expect(lines.map((line) => line.split(',').slice(0, 2).join(','))).toEqual([
      'line,column',
      '5,email',
      '6,',
      '8,email',
    ]);
    expect(lines[1]).toContain('not-an-email');
    expect(lines[2]).toContain('no identity');
    // A formula in a lead field is stored as typed (neutralised only when written to a spreadsheet).
    expect((await leadByEmail(ws.workspaceId, 'ok2@example.com'))?.firstName).toBe('=HYPERLINK("x")');
  });

  it('puts the default error report beside the input', async () => {
    const ws = await test.createWorkspace('report-default');
    const file = writeCsv('email\nnope\n');
    const summary = await importLeadsFromCsv(test.ctx, { filePath: file, workspaceId: ws.workspaceId });
    expect(summary.errorReportPath).toBe(file.replace(/\.csv$/, '.errors.csv'));
    expect(fs.existsSync(summary.errorReportPath!)).toBe(true);
  });

  it('writes nothing on a dry run yet counts exactly like a real run', async () => {
    const ws = await test.createWorkspace('dry');
    const content = 'email,phone\na@example.com,\nA@example.com,\nb@example.com,0611111111\nbad,\n';
    const before = await countRows(ws.workspaceId);
    const dry = await importLeadsFromCsv(test.ctx, {
      filePath: writeCsv(content),
      workspaceId: ws.workspaceId,
      isDryRun: true,
      batchSize: 2,
    });
    expect(await countRows(ws.workspaceId)).toEqual(before);
    expect(dry).toMatchObject({ isDryRun: true, rowsRead: 4, created: 2, updated: 1, rejected: 1 });
    const real = await importLeadsFromCsv(test.ctx, {
      filePath: writeCsv(content),
      workspaceId: ws.workspaceId,
      batchSize: 2,
    });
    expect(real).toMatchObject({ rowsRead: 4, created: 2, updated: 1, rejected: 1 });
  });

  it('records a granted consent with method import for every row when asked', async () => {
    const ws = await test.createWorkspace('consent');
    await importLeadsFromCsv(test.ctx, {
      filePath: writeCsv('email\nc1@example.com\nc2@example.com\n'),
      workspaceId: ws.workspaceId,
      consent: { purpose: 'marketing_email', channel: 'email', granted: true },
    });
    const rows = await test.ctx.db.select().from(consents).where(eq(consents.workspaceId, ws.workspaceId));
    expect(rows).toHaveLength(2);
    expect(
      rows.every((row) => row.isGranted && row.method === 'import' && row.purpose === 'marketing_email'),
    ).toBe(true);
  });

  it('falls back to one capture at a time when a batch write fails, keeping the good rows', async () => {
    const ws = await test.createWorkspace('fallback');
    const hooks = { ...test.ctx.hooks };
    // The batch hook fails (as a broken write would); row by row, the lead "poison" fails alone.
    test.ctx.hooks.afterLeadsCaptured = async () => {
      throw new Error('batch write failed');
    };
    test.ctx.hooks.afterLeadCaptured = async (tx, workspaceId, capture) => {
      const [row] = await tx.select({ email: leads.email }).from(leads).where(eq(leads.id, capture.leadId));
      if (row?.email === 'poison@example.com') throw new AppError('TEST_POISON', 'poisoned row');
      await hooks.afterLeadCaptured(tx, workspaceId, capture);
    };
    try {
      const summary = await importLeadsFromCsv(test.ctx, {
        filePath: writeCsv('email\ngood1@example.com\npoison@example.com\ngood2@example.com\n'),
        workspaceId: ws.workspaceId,
        errorReportPath: path.join(dir, 'fallback-errors.csv'),
      });
      expect(summary).toMatchObject({ created: 2, rejected: 1 });
      expect(fs.readFileSync(path.join(dir, 'fallback-errors.csv'), 'utf8')).toContain('3,,poisoned row');
      expect((await countRows(ws.workspaceId)).leads).toBe(2);
    } finally {
      test.ctx.hooks = hooks;
    }
  });

  it('honours --map and --ignore-unmapped, and refuses a map naming a missing column', async () => {
    const ws = await test.createWorkspace('map');
    const file = writeCsv('Contact,Boîte,Notes\nmap@example.com,Acme,hello\n');
    await importLeadsFromCsv(test.ctx, {
      filePath: file,
      workspaceId: ws.workspaceId,
      mapEntries: parseMapOption(['Contact=email,Boîte=companyName']),
      ignoreUnmapped: true,
    });
    expect(await leadByEmail(ws.workspaceId, 'map@example.com')).toMatchObject({
      companyName: 'Acme',
      attributes: {},
    });
    await expect(
      importLeadsFromCsv(test.ctx, {
        filePath: file,
        workspaceId: ws.workspaceId,
        mapEntries: parseMapOption(['Courriel=email']),
      }),
    ).rejects.toMatchObject({ code: 'CSV_IMPORT_MAP_UNKNOWN_COLUMN' });
    await expect(
      importLeadsFromCsv(test.ctx, { filePath: writeCsv('Nom,Société\nx,y\n'), workspaceId: ws.workspaceId }),
    ).rejects.toMatchObject({ code: 'CSV_IMPORT_NO_IDENTITY_COLUMN' });
  });

  it('reports a quote that never closes instead of failing the import', async () => {
    const ws = await test.createWorkspace('quote');
    const summary = await importLeadsFromCsv(test.ctx, {
      filePath: writeCsv(
        'email,notes\nq1@example.com,fine\nq2@example.com,"never closed\nq3@example.com,x\n',
      ),
      workspaceId: ws.workspaceId,
    });
    expect(summary).toMatchObject({ created: 1, rejected: 1 });
    expect(fs.readFileSync(summary.errorReportPath!, 'utf8')).toMatch(
      /\r\n3,,"malformed CSV \(CSV_QUOTE_NOT_CLOSED\)[^\r\n]*the last 2 line\(s\)/,
    );
  });

  it('resolves the first workspace by default and refuses an unknown one', async () => {
    expect(await resolveWorkspaceId(test.ctx.db)).toBeTypeOf('string');
    await expect(resolveWorkspaceId(test.ctx.db, 'ws_nope')).rejects.toMatchObject({
      code: 'WORKSPACE_NOT_FOUND',
    });
    await expect(
      importLeadsFromCsv(test.ctx, {
        filePath: path.join(dir, 'missing.csv'),
        workspaceId: workspace.workspaceId,
      }),
    ).rejects.toMatchObject({ code: 'CSV_IMPORT_FILE_NOT_FOUND' });
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
      filePath: writeCsv(`${lines.join('\r\n')}\r\n`),
      workspaceId: ws.workspaceId,
      onProgress: (update) => progress.push(update.rowsRead),
    });
    // 50 invalid (every 100th), 100 duplicates of the previous row (every 50th, offset 25).
    expect(summary).toMatchObject({ rowsRead: 5000, rejected: 50, updated: 100, created: 4850 });
    expect((await countRows(ws.workspaceId)).leads).toBe(4850);
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
    await importLeadsFromCsv(test.ctx, { filePath: writeCsv(csvText), workspaceId: bulk.workspaceId });
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
