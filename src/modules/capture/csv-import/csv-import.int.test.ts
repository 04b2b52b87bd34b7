import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/harness.ts';
import { consents } from '../../privacy/index.ts';
import { csvImportFixtures } from './csv-import.fixtures.ts';
import { importLeadsFromCsv } from './csv-import.service.ts';
import { parseMapOption } from './header-mapping.rules.ts';

// Reading files (encodings, delimiters, line endings) and the import options. Rejected rows and
// failures: csv-import-errors.int.test.ts; duplicates and matching: csv-import-dedup.int.test.ts.

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
  it('imports a French Excel export: Windows-1252, semicolons, CRLF, French headers', async () => {
    const ws = await test.createWorkspace('fr');
    const text =
      'Courriel;Prénom;Nom;Société;Téléphone;Pays;Poste;Remarque\r\n' +
      'helene@exemple.fr;Hélène;Lefèvre;Crème & Cie;06 12 34 56 78;France;Directrice générale;à rappeler\r\n' +
      'noel@exemple.fr;Noël;Çelik;"Société ""Été""; SARL";;FR;;\r\n';
    const file = csv.writeCsv(iconv.encode(text, 'win1252'));
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
    const helene = await csv.leadByEmail(ws.workspaceId, 'helene@exemple.fr');
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
    expect((await csv.leadByEmail(ws.workspaceId, 'noel@exemple.fr'))?.companyName).toBe(
      'Société "Été"; SARL',
    );
  });

  it('reads UTF-8 with a BOM and tab delimiters', async () => {
    const ws = await test.createWorkspace('bom');
    const file = csv.writeCsv(`\uFEFFE-mail\tFirst name\tCompany\nzoe@example.com\tZoé\tÆther\n`);
    const summary = await importLeadsFromCsv(test.ctx, { filePath: file, workspaceId: ws.workspaceId });
    expect(summary).toMatchObject({ created: 1, encoding: 'utf-8', delimiter: '\t' });
    expect(await csv.leadByEmail(ws.workspaceId, 'zoe@example.com')).toMatchObject({
      firstName: 'Zoé',
      companyName: 'Æther',
    });
  });

  it('reads mixed line endings and keeps line numbers right', async () => {
    const ws = await test.createWorkspace('mixed');
    const file = csv.writeCsv('email,notes\r\nm1@example.com,"a\nb"\nbad,x\rm2@example.com,y\r\nworse,z\n');
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

  it('writes nothing on a dry run yet counts exactly like a real run', async () => {
    const ws = await test.createWorkspace('dry');
    const content = 'email,phone\na@example.com,\nA@example.com,\nb@example.com,0611111111\nbad,\n';
    const before = await csv.countRows(ws.workspaceId);
    const dry = await importLeadsFromCsv(test.ctx, {
      filePath: csv.writeCsv(content),
      workspaceId: ws.workspaceId,
      isDryRun: true,
      batchSize: 2,
    });
    expect(await csv.countRows(ws.workspaceId)).toEqual(before);
    expect(dry).toMatchObject({ isDryRun: true, rowsRead: 4, created: 2, updated: 1, rejected: 1 });
    const real = await importLeadsFromCsv(test.ctx, {
      filePath: csv.writeCsv(content),
      workspaceId: ws.workspaceId,
      batchSize: 2,
    });
    expect(real).toMatchObject({ rowsRead: 4, created: 2, updated: 1, rejected: 1 });
  });

  it('records a granted consent with method import for every row when asked', async () => {
    const ws = await test.createWorkspace('consent');
    await importLeadsFromCsv(test.ctx, {
      filePath: csv.writeCsv('email\nc1@example.com\nc2@example.com\n'),
      workspaceId: ws.workspaceId,
      consent: { purpose: 'marketing_email', channel: 'email', granted: true },
    });
    const rows = await test.ctx.db.select().from(consents).where(eq(consents.workspaceId, ws.workspaceId));
    expect(rows).toHaveLength(2);
    expect(
      rows.every((row) => row.isGranted && row.method === 'import' && row.purpose === 'marketing_email'),
    ).toBe(true);
  });

  it('honours --map and --ignore-unmapped, and refuses a map naming a missing column', async () => {
    const ws = await test.createWorkspace('map');
    const file = csv.writeCsv('Contact,Boîte,Notes\nmap@example.com,Acme,hello\n');
    await importLeadsFromCsv(test.ctx, {
      filePath: file,
      workspaceId: ws.workspaceId,
      mapEntries: parseMapOption(['Contact=email,Boîte=companyName']),
      ignoreUnmapped: true,
    });
    expect(await csv.leadByEmail(ws.workspaceId, 'map@example.com')).toMatchObject({
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
      importLeadsFromCsv(test.ctx, {
        filePath: csv.writeCsv('Nom,Société\nx,y\n'),
        workspaceId: ws.workspaceId,
      }),
    ).rejects.toMatchObject({ code: 'CSV_IMPORT_NO_IDENTITY_COLUMN' });
  });
});
