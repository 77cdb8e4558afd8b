import { parseArgs } from 'node:util';
import { type API_SCOPES, createApiKeyStore } from '@support/api-keys';
import { type Command, UsageError } from './command.js';

const USAGE = `pnpm kb keys create --name NAME --scopes answer,search,feedback,admin --audience agent|customer [--origins https://a.example,...] [--json]
       pnpm kb keys list [--json]
       pnpm kb keys revoke <id>`;

/** `kb keys create|list|revoke`: API keys; a new key is printed once and stored only as a hash. */
export const keysCommand: Command = {
  usage: USAGE,
  async run(args, { database, stdout, stderr }) {
    const [action, ...rest] = args;
    const keys = createApiKeyStore(database.pool);
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        scopes: { type: 'string' },
        audience: { type: 'string' },
        origins: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    const list = (value: string | undefined) =>
      (value ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    switch (action) {
      case 'create': {
        const { key, record } = await keys.create({
          name: values.name ?? `key ${new Date().toISOString().slice(0, 10)}`,
          scopes: list(values.scopes) as (typeof API_SCOPES)[number][],
          audience: values.audience as 'agent',
          allowedOrigins: list(values.origins),
        });
        if (values.json) stdout.write(`${JSON.stringify({ id: record.id, key })}\n`);
        else
          stdout.write(
            `created ${record.id} (${record.audience}; ${record.scopes.join(', ')})\n` +
              `key (shown only now): ${key}\n`,
          );
        return 0;
      }
      case 'list': {
        const all = await keys.list();
        if (values.json) {
          stdout.write(`${JSON.stringify(all)}\n`);
          return 0;
        }
        if (all.length === 0) stdout.write('no keys\n');
        for (const k of all)
          stdout.write(
            `${k.id}  ${k.prefix}…  ${k.name}  ${k.audience}  ${k.scopes.join(',')}` +
              `${k.allowedOrigins.length ? `  origins ${k.allowedOrigins.join(',')}` : ''}` +
              `${k.revokedAt ? `  revoked ${k.revokedAt}` : ''}\n`,
          );
        return 0;
      }
      case 'revoke': {
        const [id] = positionals;
        if (id === undefined) throw new UsageError('expected the id of the key to revoke');
        if (await keys.revoke(id)) {
          stdout.write(`revoked ${id}\n`);
          return 0;
        }
        stderr.write(`not found: no live key ${id}\n`);
        return 1;
      }
      default:
        throw new UsageError(`expected create, list or revoke, got ${action ?? 'nothing'}`);
    }
  },
};
