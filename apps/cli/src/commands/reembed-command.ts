import { parseArgs } from 'node:util';
import { AppError } from '@support/db';
import { createRetrieval, type Embedder, EmbedderEnv, type Retrieval } from '@support/retrieval';
import { createCountProgress } from '../progress.js';
import { describeFusion } from './calibrate-command.js';
import { type CommandContext, UsageError } from './command.js';

const USAGE = `pnpm kb reembed                     (the configured model: fill what it lacks, then switch to it)
       pnpm kb reembed --model <name>      (fill another model's vectors beside the active one; searches keep the active one)
       pnpm kb reembed --switch <name>     (fill what is left, calibrate its fusion weights, switch in one statement)
       pnpm kb reembed --drop-old          (delete the vectors of the models the active one replaced)
       pnpm kb reembed --drop <stored>     (delete one stored model's vectors, e.g. a candidate you compared and rejected)
       pnpm kb reembed --status            (each stored model and how much of the knowledge base it has embedded)
       <name>: local, static, hashing or openai (EMBEDDING_MODEL names the OpenAI model); auto, the
               default, is local unless the knowledge base was moved to a fitted table (pnpm kb index)`;

/** `kb reembed`: moves the knowledge base to another embedding model while the active one keeps serving. */
export const reembedCommand = {
  usage: USAGE,
  async run(args: string[], ctx: CommandContext): Promise<number> {
    const { values } = parseArgs({
      args,
      options: {
        model: { type: 'string' },
        switch: { type: 'string' },
        'drop-old': { type: 'boolean', default: false },
        drop: { type: 'string' },
        status: { type: 'boolean', default: false },
      },
    });
    const chosen = [
      values.model,
      values.switch,
      values['drop-old'] || undefined,
      values.drop,
      values.status || undefined,
    ];
    if (chosen.filter((v) => v !== undefined).length > 1)
      throw new UsageError('choose one of --model, --switch, --drop-old, --drop and --status');
    if (values.status) return printStatus(ctx);
    if (values.drop !== undefined) {
      await ctx.retrieval.dropModel(values.drop);
      ctx.stdout.write(`dropped ${values.drop}\n`);
      return 0;
    }
    if (values['drop-old']) {
      const { dropped, kept } = await ctx.retrieval.dropInactiveModels();
      ctx.stdout.write(dropped.length === 0 ? 'no replaced model stored\n' : `dropped ${dropped.join(', ')}\n`);
      for (const name of kept)
        ctx.stdout.write(
          `kept ${name}: filled after the active model and not switched to (pnpm kb reembed --drop ${name} deletes it)\n`,
        );
      return 0;
    }
    const name = values.model ?? values.switch;
    const target = name === undefined ? ctx.retrieval : await candidateRetrieval(ctx, name);
    await fill(target, ctx);
    if (values.model !== undefined) {
      // Weights for the candidate now, so `pnpm eval retrieval --compare-model` and the switch use its own.
      const calibration = await target.calibrateFusion();
      if (calibration !== undefined) ctx.stdout.write(`${describeFusion(calibration)}\n`);
      ctx.stdout.write(
        `${name} is filled beside the active model, which keeps serving. Compare: pnpm eval retrieval --data <set> --compare-model ${name}; switch: pnpm kb reembed --switch ${name}\n`,
      );
      return printStatus(ctx);
    }
    const { calibration } = await target.activateConfiguredModel();
    ctx.stdout.write(`switched: searches now read ${name ?? 'the configured model'}\n`);
    if (calibration !== undefined) ctx.stdout.write(`${describeFusion(calibration)}\n`);
    if (name !== undefined) {
      // A fitted static table is a model of its own: the API must load the same file.
      const table = name === 'static' ? ' (and the same STATIC_EMBEDDER_TABLE, if one is set here)' : '';
      // Processes on auto follow the knowledge base to USE-lite by themselves; to any other model only after a restart.
      const onAuto = name === 'local' ? ' (those on the default, auto, follow by themselves)' : '';
      ctx.stdout.write(
        `restart the API and bots with EMBEDDING_PROVIDER=${name}${table}${onAuto}: until then they embed questions with the old model and search by keyword only\n`,
      );
    }
    return 0;
  },
};

/**
 * A retrieval service on the same database embedding with `name`, reading its own vectors. The
 * name is checked and the model loaded (one text embedded) before anything is written.
 */
async function candidateRetrieval(ctx: CommandContext, name: string): Promise<Retrieval> {
  const provider = EmbedderEnv.shape.EMBEDDING_PROVIDER.safeParse(name);
  if (!provider.success)
    throw new UsageError(`--model/--switch: expected local, static, hashing or openai, got "${name}"`);
  let embedder: Embedder;
  try {
    embedder = ctx.embedderFor(provider.data);
    await embedder.embed(['warm up']);
  } catch (error) {
    throw new AppError('upstream_unavailable', `embedding model ${name} could not embed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return createRetrieval({ pool: ctx.database.pool, embedder, candidate: true });
}

async function fill(retrieval: Retrieval, ctx: CommandContext): Promise<void> {
  const progress = createCountProgress(ctx.stderr, 'chunk texts embedded');
  const filled = await retrieval.backfillEmbeddings({ onProgress: progress.update });
  progress.done();
  ctx.stderr.write(`embedded ${filled} chunk text(s)\n`);
}

async function printStatus(ctx: CommandContext): Promise<number> {
  const models = await ctx.retrieval.embeddingModels();
  if (models.length === 0) ctx.stdout.write('no embedding model stored yet\n');
  for (const m of models)
    ctx.stdout.write(
      `${m.active ? '* ' : '  '}${m.name} (${m.dimensions} dimensions): ${m.embedded}/${m.texts} chunk texts${m.active ? ', active' : ''}\n`,
    );
  return 0;
}
