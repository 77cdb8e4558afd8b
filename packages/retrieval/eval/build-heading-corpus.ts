import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';

// Held-out technical-documentation corpora built from Markdown already on the machine (npm's own
// docs, the READMEs of installed packages), with questions made from headings: each section
// (## to ####) becomes a document WITHOUT its heading, titled by its page only, and the heading,
// stripped of Markdown, becomes a query judged against every section carrying that heading.
// Calibration's pseudo-queries are prose sentences of the text (search/calibrate-fusion.ts), so
// the evaluation queries are a different kind of text and calibration cannot fit them.

const USAGE = `usage: tsx packages/retrieval/eval/build-heading-corpus.ts --out DIR [--max-queries 300]
       [--max-sections N] [--readmes] <folder>...
  Every .md file under the folders is a page; with --readmes only README.md files, one per package
  (the path after the last node_modules/), in package-name order.`;

/** One section of a page: its heading (the query) and its body (the document). */
export interface Section {
  id: string;
  page: string;
  heading: string;
  text: string;
}

/** Splits a Markdown page into sections at ## to #### headings (fenced code is not split). */
export function splitSections(pageId: string, markdown: string): { title: string; sections: Section[] } {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/<!--[\s\S]*?-->/g, '');
  const frontTitle = /^---\n[\s\S]*?^title:\s*(.+)$[\s\S]*?\n---\n/m.exec(markdown)?.[1]?.trim();
  const lines = body.split('\n');
  const h1 = lines.find((l) => /^#\s/.test(l))?.replace(/^#\s+/, '');
  const title = cleanHeading(frontTitle ?? h1 ?? pageId) || pageId;
  const sections: Section[] = [];
  const used = new Set<string>();
  let heading: string | undefined;
  let text: string[] = [];
  let inFence = false;
  const flush = () => {
    const joined = text
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    if (heading !== undefined && joined.length >= 80) {
      const base = `${pageId}/${slug(heading)}`;
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      sections.push({ id, page: pageId, heading, text: joined });
    }
    text = [];
  };
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const match = inFence ? null : /^(#{2,4})\s+(.+?)\s*#*\s*$/.exec(line);
    if (match?.[2] !== undefined) {
      flush();
      heading = match[2];
    } else if (!/^#\s/.test(line)) text.push(line);
  }
  flush();
  return { title, sections };
}

/** A heading as words a person would type: no Markdown, links to their text, lower case. */
export function cleanHeading(heading: string): string {
  return (
    heading
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, ' ')
      .match(/[\p{L}\p{N}][\p{L}\p{N}'.+]*/gu) ?? []
  )
    .map((w) => w.replace(/[.']+$/, ''))
    .join(' ')
    .toLowerCase()
    .trim();
}

/**
 * The questions: cleaned headings of at least two words with three letters or more, judged
 * against every section that carries the same heading; headings found on more than three pages
 * ("usage", "see also", "options") say nothing about which page is meant and are dropped.
 */
export function headingQueries(sections: readonly Section[]): { query: string; relevant: string[] }[] {
  const byHeading = new Map<string, Section[]>();
  for (const section of sections) {
    const key = cleanHeading(section.heading);
    byHeading.set(key, [...(byHeading.get(key) ?? []), section]);
  }
  return [...byHeading]
    .filter(([key, list]) => key.split(' ').filter((w) => /\p{L}{3,}/u.test(w)).length >= 2 && list.length <= 3)
    .map(([query, list]) => ({ query, relevant: list.map((s) => s.id) }));
}

async function* markdownFiles(folder: string): AsyncGenerator<string> {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* markdownFiles(path);
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) yield path;
  }
}

// One README per package name (pnpm's store holds several versions side by side).
async function readmePages(folders: string[]): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  for (const folder of folders)
    for (const store of await readdir(folder)) {
      const modules = join(folder, store, 'node_modules');
      for (const scopeOrName of await readdir(modules).catch(() => [])) {
        const names = scopeOrName.startsWith('@')
          ? (await readdir(join(modules, scopeOrName)).catch(() => [])).map((n) => `${scopeOrName}/${n}`)
          : [scopeOrName];
        for (const name of names) {
          if (pages.has(name)) continue;
          for (const file of ['README.md', 'readme.md', 'Readme.md']) {
            const path = join(modules, name, file);
            if ((await stat(path).catch(() => undefined))?.isFile()) {
              pages.set(name, path);
              break;
            }
          }
        }
      }
    }
  return new Map([...pages].sort(([a], [b]) => a.localeCompare(b)));
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      readmes: { type: 'boolean', default: false },
      'max-queries': { type: 'string', default: '300' },
      'max-sections': { type: 'string', default: '100000' },
    },
  });
  if (values.out === undefined || positionals.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const pages = new Map<string, string>();
  if (values.readmes) for (const [name, path] of await readmePages(positionals)) pages.set(name, path);
  else
    for (const folder of positionals)
      for await (const path of markdownFiles(folder)) pages.set(relative(folder, path).replace(/\.md$/i, ''), path);
  const maxSections = Number(values['max-sections']);
  const corpus: string[] = [];
  const sections: Section[] = [];
  let used = 0;
  for (const [pageId, path] of pages) {
    if (sections.length >= maxSections) break;
    const { title, sections: found } = splitSections(pageId, await readFile(path, 'utf8'));
    if (found.length < 2) continue;
    used++;
    sections.push(...found);
    for (const s of found) corpus.push(JSON.stringify({ _id: s.id, title, text: s.text }));
  }
  const all = headingQueries(sections);
  const step = Math.max(1, all.length / Number(values['max-queries']));
  const picked = all.filter((_, i) => Math.floor(i / step) !== Math.floor((i - 1) / step));
  await mkdir(join(values.out, 'qrels'), { recursive: true });
  await writeFile(join(values.out, 'corpus.jsonl'), `${corpus.join('\n')}\n`);
  await writeFile(
    join(values.out, 'queries.jsonl'),
    `${picked.map((q, i) => JSON.stringify({ _id: `h${i + 1}`, text: q.query })).join('\n')}\n`,
  );
  await writeFile(
    join(values.out, 'qrels', 'test.tsv'),
    `query-id\tcorpus-id\tscore\n${picked.flatMap((q, i) => q.relevant.map((id) => `h${i + 1}\t${id}\t1`)).join('\n')}\n`,
  );
  process.stderr.write(
    `${basename(dirname(join(values.out, 'x')))}: ${used} pages, ${sections.length} sections, ${picked.length} of ${all.length} heading queries\n`,
  );
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

if (process.argv[1]?.endsWith('build-heading-corpus.ts')) await main();
