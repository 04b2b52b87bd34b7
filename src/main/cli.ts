import { parseArgs } from 'node:util';
import { loadConfig } from '../config/env.ts';
import { AppError } from '../platform/errors.ts';

const USAGE = `Usage: chaud <command> [options]

Commands:
  serve [--no-workers]            HTTP API, web app and job workers (default database: embedded PGlite in .chaud/)
  worker                          job workers only (share DATABASE_URL with one or more 'serve --no-workers')
  migrate                         apply database migrations and exit
  import FILE.csv [options]       import leads from a CSV (run 'chaud import --help')
  export leads [options]          export leads as CSV or JSON lines (run 'chaud export --help')
  api-key create --name NAME      create an API key for the first workspace (printed once)
  model evaluate|train [options]  predictive scoring (run 'chaud model --help')
  sequence validate|create|update nurture sequences from YAML or JSON files (run 'chaud sequence --help')
  demo [--remove] [--leads N]     load or remove demo data: leads, conversations, meetings (run 'chaud demo --help')

Environment: PORT, HOST, DATABASE_URL, CHAUD_DATA_DIR, CHAUD_LOG_LEVEL (see README).`;

type CommandRunner = (args: string[]) => Promise<number>;

const commands: Record<string, CommandRunner> = {
  serve: async (args) => {
    const { values } = parseArgs({ args, options: { 'no-workers': { type: 'boolean', default: false } } });
    const { serve } = await import('./serve.ts');
    await serve(loadConfig(), { workers: !values['no-workers'] });
    return -1;
  },
  worker: async () => {
    const { runWorker } = await import('./worker.ts');
    await runWorker(loadConfig());
    return -1;
  },
  migrate: async () => {
    const { runMigrateCommand } = await import('./commands/migrate.command.ts');
    return runMigrateCommand(loadConfig());
  },
  import: async (args) => {
    const { runImportCommand } = await import('./commands/import.command.ts');
    return runImportCommand(args, loadConfig());
  },
  export: async (args) => {
    const { runExportCommand } = await import('./commands/export.command.ts');
    return runExportCommand(args, loadConfig());
  },
  'api-key': async (args) => {
    const { runApiKeyCommand } = await import('./commands/api-key.command.ts');
    return runApiKeyCommand(args, loadConfig());
  },
  sequence: async (args) => {
    const { runSequenceCommand } = await import('./commands/sequence.command.ts');
    const needsDatabase = args[0] === 'create' || args[0] === 'update';
    return runSequenceCommand(args, needsDatabase ? loadConfig() : null, {
      stdout: process.stdout,
      stderr: process.stderr,
    });
  },
  demo: async (args) => {
    const { runDemoCommand } = await import('./commands/demo.command.ts');
    return runDemoCommand(args, loadConfig());
  },
  model: async (args) => {
    const { runModelCommand } = await import('./commands/model.command.ts');
    return runModelCommand(args, { stdout: process.stdout, stderr: process.stderr });
  },
};

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    process.exitCode = name ? 0 : 1;
    return;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const code = await command(rest);
  // Long-running commands (serve, worker) return -1 and keep the process alive.
  if (code >= 0) process.exit(code);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof AppError) {
    process.stderr.write(`chaud: ${error.message} [${error.code}]\n`);
  } else if (
    error instanceof Error &&
    (error.name === 'TypeError' ||
      error.message.startsWith('Invalid environment') ||
      (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
  ) {
    process.stderr.write(`chaud: ${error.message}\n`);
  } else {
    process.stderr.write(
      `chaud: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
