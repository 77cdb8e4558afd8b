import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('./browser/main.ts', import.meta.url));

/** The built widget script, ready to serve. */
export interface WidgetBundle {
  code: string;
  /** The same script gzipped once, for clients that accept it. */
  gzipped: Uint8Array<ArrayBuffer>;
  /** A strong ETag from the content hash (quotes included). */
  etag: string;
  bytes: number;
  gzipBytes: number;
}

/**
 * Builds the widget with esbuild's API, in memory: the bundle is made when the API starts (about
 * a tenth of a second), so a fresh clone needs no build step and no built file is committed.
 */
export async function buildWidget(): Promise<WidgetBundle> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2022', 'chrome100', 'firefox100', 'safari16'],
    write: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error('widget build produced no output');
  const gzipped = new Uint8Array(gzipSync(code, { level: 9 }));
  const hash = createHash('sha256').update(code).digest('base64url').slice(0, 27);
  return { code, gzipped, etag: `"${hash}"`, bytes: Buffer.byteLength(code), gzipBytes: gzipped.length };
}
