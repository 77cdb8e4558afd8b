/** A command module: takes the arguments after its name and resolves to the process exit code. */
export interface CommandModule {
  run(args: string[]): Promise<number>;
}

/**
 * Dispatches `pnpm <verb> <name> ...args` to the module registered for `name`.
 * Modules are imported lazily so one command never pays for another's dependencies.
 */
export async function dispatch(
  verb: string,
  table: Record<string, () => Promise<CommandModule>>,
  argv: string[],
): Promise<void> {
  const [name, ...args] = argv;
  const load = name === undefined ? undefined : table[name];
  if (load === undefined) {
    process.stderr.write(`usage: pnpm ${verb} <${Object.keys(table).join('|')}> [options]\n`);
    process.exitCode = 2;
    return;
  }
  process.exitCode = await (await load()).run(args);
}
