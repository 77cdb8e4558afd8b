import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

// A technical-documentation corpus for retrieval evaluation, built from the Node.js API docs that
// Debian's nodejs package installs: one BEIR document per section (## to ####), the module's
// title and the heading as its title. Only the corpus is generated; the queries and judgments
// beside this script (fixtures/nodejs-api) were written by hand.

/** Modules in the corpus: the everyday APIs (about 1,900 sections with Node 20's docs). */
export const NODE_DOC_MODULES = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'console',
  'crypto',
  'dns',
  'events',
  'fs',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'readline',
  'stream',
  'timers',
  'url',
  'util',
  'worker_threads',
  'zlib',
] as const;

const USAGE = 'usage: tsx packages/retrieval/eval/build-nodejs-docs.ts [--docs /usr/share/doc/nodejs/api] --out DIR';

/** Splits one Markdown API page into sections with stable ids (module/heading-slug). */
export function splitNodeDoc(module: string, markdown: string): { _id: string; title: string; text: string }[] {
  const lines = markdown.replace(/<!--[\s\S]*?-->/g, '').split('\n');
  const pageTitle = (lines.find((l) => l.startsWith('# ')) ?? `# ${module}`).slice(2).trim();
  const sections: { _id: string; title: string; text: string }[] = [];
  const used = new Set<string>();
  let heading: string | undefined;
  let body: string[] = [];
  let inFence = false;
  const flush = () => {
    const text = body
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    if (heading !== undefined && text.length >= 40) {
      const base = `${module}/${slugify(heading)}`;
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      sections.push({ _id: id, title: `${pageTitle}: ${heading.replace(/`/g, '')}`, text });
    }
    body = [];
  };
  for (const line of lines) {
    if (line.startsWith('```')) inFence = !inFence;
    const match = inFence ? null : /^#{2,4} (.+)$/.exec(line);
    if (match?.[1] !== undefined) {
      flush();
      heading = match[1].trim();
    } else if (!line.startsWith('[') || !line.includes(']: ')) {
      body.push(line);
    }
  }
  flush();
  return sections;
}

function slugify(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { docs: { type: 'string', default: '/usr/share/doc/nodejs/api' }, out: { type: 'string' } },
  });
  if (!values.out) throw new Error(USAGE);
  const lines: string[] = [];
  for (const module of NODE_DOC_MODULES) {
    const markdown = await readFile(join(values.docs, `${module}.md`), 'utf8');
    for (const section of splitNodeDoc(module, markdown)) lines.push(JSON.stringify(section));
  }
  await mkdir(values.out, { recursive: true });
  await writeFile(join(values.out, 'corpus.jsonl'), `${lines.join('\n')}\n`);
  process.stdout.write(`wrote ${lines.length} sections to ${join(values.out, 'corpus.jsonl')}\n`);
}

if (process.argv[1]?.endsWith('build-nodejs-docs.ts')) await main();
