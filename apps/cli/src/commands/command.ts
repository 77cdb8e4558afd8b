import type { Database, MigrationResult } from '@support/db';
import type { Embedder, EmbedderEnv, Retrieval } from '@support/retrieval';

/** What a command can touch: the knowledge base and the two output streams. */
export interface CommandContext {
  retrieval: Retrieval;
  database: Database;
  migrations: MigrationResult;
  /** The embedder this process resolved to, and the variables that chose it. */
  embedder: Embedder;
  embedderEnv: EmbedderEnv;
  /** An embedder of another provider, configured as the environment configures the current one. */
  embedderFor(provider: EmbedderEnv['EMBEDDING_PROVIDER']): Embedder;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/** A `pnpm kb` sub-command: parses its own arguments and returns the exit code. */
export interface Command {
  usage: string;
  run(args: string[], ctx: CommandContext): Promise<number>;
}

/** Thrown for bad arguments; main prints the message and the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A command that needs no knowledge base (and so takes no lock on the data folder). */
export interface StandaloneCommand {
  usage: string;
  standalone: true;
  run(args: string[], ctx: Pick<CommandContext, 'stdout' | 'stderr'>): Promise<number>;
}
