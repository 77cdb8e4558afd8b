import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiKeyStore } from '@support/api-keys';

const DEMO_SCOPES = ['answer', 'feedback'] as const;

/** The browser origins a server bound to `host` is reached at on this machine. */
export function ownOrigins(host: string, port: number): string[] {
  const loopbackOrAny = ['127.0.0.1', 'localhost', '0.0.0.0', '::', '::1'].includes(host);
  const hosts = loopbackOrAny ? ['127.0.0.1', 'localhost'] : [host.includes(':') ? `[${host}]` : host];
  return hosts.map((h) => `http://${h}:${port}`);
}

/**
 * The demo page's key: a customer key (public articles only, answer and feedback scopes) allowed
 * only from the API's own origins. Kept in DATA_DIR/demo-widget-key and reused; replaced (the old
 * one revoked) when the origins changed, e.g. a new PORT.
 */
export async function ensureDemoKey(keys: ApiKeyStore, dataDir: string, origins: string[]): Promise<string> {
  const file = join(dataDir, 'demo-widget-key');
  const saved = (await readFile(file, 'utf8').catch(() => '')).trim();
  const record = saved === '' ? undefined : await keys.verify(saved);
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
  if (
    record &&
    record.audience === 'customer' &&
    same(record.allowedOrigins, origins) &&
    same(record.scopes, DEMO_SCOPES)
  )
    return saved;
  if (record) await keys.revoke(record.id);
  const { key } = await keys.create({
    name: 'demo widget',
    scopes: [...DEMO_SCOPES],
    audience: 'customer',
    allowedOrigins: origins,
  });
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  return key;
}
