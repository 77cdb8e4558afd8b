import { databaseTarget, isAppError } from '@support/db';
import { createEmbedderFromEnv, type KnowledgeBase, openKnowledgeBase } from '@support/retrieval';
import { deleteCommand, migrateCommand, statsCommand } from './commands/admin-commands.js';
import { backupCommand, restoreCommand } from './commands/backup-commands.js';
import { calibrateCommand } from './commands/calibrate-command.js';
import { type Command, type StandaloneCommand, UsageError } from './commands/command.js';
import { distillCommand } from './commands/distill-command.js';
import { indexCommand } from './commands/index-command.js';
import { keysCommand } from './commands/keys-command.js';
import { reembedCommand } from './commands/reembed-command.js';
import { searchCommand } from './commands/search-command.js';
import { slackCommand } from './commands/slack-command.js';
import { testsetCommand } from './commands/testset-command.js';
import { loadConfig } from './config.js';

const COMMANDS: Record<string, Command | StandaloneCommand> = {
  index: indexCommand,
  search: searchCommand,
  stats: statsCommand,
  delete: deleteCommand,
  reembed: reembedCommand,
  calibrate: calibrateCommand,
  migrate: migrateCommand,
  keys: keysCommand,
  testset: testsetCommand,
  slack: slackCommand,
  distill: distillCommand,
  backup: backupCommand,
  restore: restoreCommand,
};

const isStandalone = (command: Command | StandaloneCommand): command is StandaloneCommand => 'standalone' in command;

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command === undefined) {
    process.stderr.write(
      `usage:\n${Object.values(COMMANDS)
        .map((c) => `  ${c.usage}`)
        .join('\n')}\n`,
    );
    return 2;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  let kb: KnowledgeBase | undefined;
  try {
    if (isStandalone(command)) return await command.run(args, { stdout: process.stdout, stderr: process.stderr });
    kb = await openKnowledgeBase({ target: databaseTarget(config), embedder: { env: config } });
    return await command.run(args, {
      retrieval: kb.retrieval,
      database: kb.database,
      migrations: kb.migrations,
      embedder: kb.embedder,
      embedderEnv: config,
      embedderFor: (provider) => createEmbedderFromEnv({ ...config, EMBEDDING_PROVIDER: provider }),
      stdout: process.stdout,
      stderr: process.stderr,
    });
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      process.stderr.write(`${(error as Error).message}\nusage: ${command.usage}\n`);
      return 2;
    }
    if (isAppError(error)) {
      process.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await kb?.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
