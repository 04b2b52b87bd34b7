import { AppError, ValidationError } from '../../../platform/errors.ts';

// Codes of mistakes in the command line or the file's header: the CLI exits 2 (usage) on these.
export const CSV_IMPORT_USAGE_CODES = new Set([
  'CSV_IMPORT_MAP_SYNTAX',
  'CSV_IMPORT_MAP_UNKNOWN_TARGET',
  'CSV_IMPORT_MAP_UNKNOWN_COLUMN',
  'CSV_IMPORT_MAP_DUPLICATE_TARGET',
  'CSV_IMPORT_FILE_NOT_FOUND',
  'CSV_IMPORT_EMPTY_FILE',
  'CSV_IMPORT_NO_IDENTITY_COLUMN',
  'CSV_IMPORT_TOO_MANY_ATTRIBUTES',
  'CSV_IMPORT_CONSENT_INVALID',
  'WORKSPACE_NOT_FOUND',
]);

export const csvImportErrors = {
  mapSyntax: (part: string) =>
    new ValidationError(
      `--map entry "${part}" is not "Column=target".`,
      { entry: part },
      'CSV_IMPORT_MAP_SYNTAX',
    ),
  mapUnknownTarget: (target: string, targets: string[]) =>
    new ValidationError(
      `--map target "${target}" is unknown; use one of ${targets.join(', ')}, attributes.KEY or ignore.`,
      { target, targets },
      'CSV_IMPORT_MAP_UNKNOWN_TARGET',
    ),
  mapUnknownColumn: (column: string, headers: readonly string[]) =>
    new ValidationError(
      `--map names column "${column}", which the file's header does not have (columns: ${headers.join(', ')}).`,
      { column, headers },
      'CSV_IMPORT_MAP_UNKNOWN_COLUMN',
    ),
  mapDuplicateTarget: (target: string) =>
    new ValidationError(
      `--map sends two columns to "${target}"; a lead field takes one column.`,
      { target },
      'CSV_IMPORT_MAP_DUPLICATE_TARGET',
    ),
  fileNotFound: (path: string) =>
    new ValidationError(`Cannot read "${path}": no such file.`, { path }, 'CSV_IMPORT_FILE_NOT_FOUND'),
  emptyFile: (path: string) =>
    new ValidationError(`"${path}" has no header row.`, { path }, 'CSV_IMPORT_EMPTY_FILE'),
  noIdentityColumn: (headers: readonly string[]) =>
    new ValidationError(
      `No column holds an email, a phone or a WhatsApp id (columns: ${headers.join(', ')}); name one with --map "Column=email".`,
      { headers },
      'CSV_IMPORT_NO_IDENTITY_COLUMN',
    ),
  tooManyAttributes: (count: number) =>
    new ValidationError(
      `${count} columns would become attributes (at most 100); map them with --map or drop them with --ignore-unmapped.`,
      { count },
      'CSV_IMPORT_TOO_MANY_ATTRIBUTES',
    ),
  consentInvalid: (value: string, reason: string) =>
    new ValidationError(
      `--consent "${value}" is not purpose:channel (${reason}).`,
      { value },
      'CSV_IMPORT_CONSENT_INVALID',
    ),
  workspaceNotFound: (workspaceId: string | null) =>
    new ValidationError(
      workspaceId
        ? `No workspace ${workspaceId}.`
        : 'No workspace yet: start `chaud serve` once (it creates the first workspace and its admin) or pass --workspace.',
      { workspaceId },
      'WORKSPACE_NOT_FOUND',
    ),
  /** Every row of a batch failed to write for reasons other than its data: the database is gone. */
  writeFailed: (cause: unknown) =>
    new AppError(
      'CSV_IMPORT_WRITE_FAILED',
      `Writing to the database failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      500,
    ),
};
