import type { BusinessStats, PeriodFigures } from '@support/copilot';
import type { JobRecord } from '@support/retrieval';
import { html } from 'hono/html';
import { type BarSeries, lineChart, stackedBarChart } from './charts.js';
import { dollars, duration, type Html, page, percent, when } from './layout.js';
import { ADMIN_PATH } from './session-cookie.js';

/** What the knowledge base section shows. */
export interface IndexSummary {
  articles: number;
  chunks: number;
  activeModel: string | null;
  sources: { source: string; articles: number; internal: number; lastUpdatedAt: string | null }[];
}

/** Everything the dashboard page renders. */
export interface DashboardView {
  stats: BusinessStats;
  index: IndexSummary;
  jobs: JobRecord[];
  /** The period form's fields as the admin typed them (or the defaults). */
  form: { from: string; to: string; bucket: 'day' | 'week' };
  /** Why the period asked for was not used, or why a re-index was refused. */
  error?: string | undefined;
}

const DOORS: (BarSeries & { key: keyof PeriodFigures['byDoor'] })[] = [
  { key: 'api', name: 'API', colour: '#4e79a7' },
  { key: 'widget', name: 'Widget', colour: '#f28e2b' },
  { key: 'slack', name: 'Slack', colour: '#59a14f' },
  { key: 'unknown', name: 'Unknown', colour: '#bab0ac' },
];
const ACTIVE = new Set(['queued', 'running']);

/** The dashboard: metrics over time, content gaps, cited articles, re-index jobs and the index. */
export function dashboardPage(view: DashboardView): Html {
  const { stats } = view;
  return page(
    'Dashboard',
    html`<header>
<h1>Support copilot dashboard</h1>
<form method="post" action="${ADMIN_PATH}/sign-out"><button type="submit" class="link">Sign out</button></form>
</header>
<main>
${view.error === undefined ? '' : html`<p class="error" role="alert">${view.error}</p>`}
${periodForm(view.form, stats)}
${totals(stats)}
${charts(stats)}
${gaps(stats)}
${citations(stats)}
${jobs(view.jobs)}
${index(view.index, view.jobs)}
</main>`,
  );
}

function periodForm(form: DashboardView['form'], stats: BusinessStats): Html {
  return html`<form class="period" method="get" action="${ADMIN_PATH}">
<label>From <input type="date" name="from" value="${form.from}"></label>
<label>To <input type="date" name="to" value="${form.to}"></label>
<label>Per <select name="bucket">
<option value="day"${form.bucket === 'day' ? ' selected' : ''}>day</option>
<option value="week"${form.bucket === 'week' ? ' selected' : ''}>week</option>
</select></label>
<button type="submit">Show</button>
<span class="muted">${when(stats.from)} – ${when(stats.to)}</span>
</form>`;
}

function totals({ totals: t }: BusinessStats): Html {
  const tile = (name: string, value: string, detail: string, id: string) =>
    html`<div class="tile" data-metric="${id}"><div class="value">${value}</div><div class="name">${name}</div><div class="muted">${detail}</div></div>`;
  return html`<section class="tiles" aria-label="Totals">
${tile('answers', String(t.answers), `API ${t.byDoor.api} · widget ${t.byDoor.widget} · Slack ${t.byDoor.slack}`, 'answers')}
${tile('helpful', percent(t.helpfulRate), `${t.helpful} of ${t.rated} rated`, 'helpful')}
${tile('abstained', percent(t.abstentionRate), `${t.abstained} answers`, 'abstained')}
${tile('cache hits', percent(t.cacheHitRate), `${t.cacheHits} answers`, 'cache')}
${tile('time to answer', `${duration(t.latencyMs.p50)} / ${duration(t.latencyMs.p95)}`, 'p50 / p95', 'latency')}
${tile('cost', dollars(t.costUsd), `${dollars(t.costPerAnswerUsd)} per answer · ${dollars(t.costPerDayUsd)} per day`, 'cost')}
</section>`;
}

function charts(stats: BusinessStats): Html {
  const s = stats.series;
  const points = (value: (f: PeriodFigures) => number | null) => s.map((b) => ({ label: b.start, value: value(b) }));
  const per = stats.bucket === 'day' ? 'per day' : 'per week';
  const figure = (title: string, chart: Html) => html`<figure><figcaption>${title}</figcaption>${chart}</figure>`;
  return html`<section class="charts" aria-label="Metrics over time">
${figure(
  `Answers ${per} by door`,
  stackedBarChart(
    `Answers ${per} by door`,
    s.map((b) => ({ label: b.start, values: DOORS.map((d) => b.byDoor[d.key]) })),
    DOORS,
  ),
)}
${figure(
  'Helpful rate',
  lineChart(
    'Helpful rate',
    points((b) => b.helpfulRate),
    percent,
    { max: 1, colour: '#59a14f' },
  ),
)}
${figure(
  'Abstention rate',
  lineChart(
    'Abstention rate',
    points((b) => b.abstentionRate),
    percent,
    { max: 1, colour: '#e15759' },
  ),
)}
${figure(
  'Time to answer, p95',
  lineChart(
    'Time to answer, p95',
    points((b) => b.latencyMs.p95),
    duration,
    { colour: '#76b7b2' },
  ),
)}
${figure(
  `Cost ${per}`,
  lineChart(
    `Cost ${per}`,
    points((b) => b.costUsd),
    dollars,
    { colour: '#af7aa1' },
  ),
)}
</section>`;
}

function gaps(stats: BusinessStats): Html {
  const rows = stats.contentGaps.map(
    (g) => html`<tr>
<td class="question">${g.question}${g.variants.length === 0 ? '' : html`<div class="muted">also: ${g.variants.join(' · ')}</div>`}</td>
<td class="num">${g.asked}</td><td class="num">${g.abstained}</td><td class="num">${g.notHelpful}</td><td>${when(g.lastAskedAt)}</td>
</tr>`,
  );
  return html`<section id="gaps" aria-label="Content gaps">
<h2>Content gaps</h2>
<p class="muted">Questions the copilot abstained on or that were rated not helpful, similar ones together: the articles to write next.</p>
${
  rows.length === 0
    ? html`<p>No unanswered questions in this period.</p>`
    : html`<table class="gaps"><thead><tr><th>Question (redacted)</th><th>Asked</th><th>Abstained</th><th>Not helpful</th><th>Last asked</th></tr></thead><tbody>${rows}</tbody></table>`
}
</section>`;
}

function citations(stats: BusinessStats): Html {
  const most = stats.mostCited.map(
    (a) =>
      html`<tr><td>${a.title}</td><td class="muted">${a.source}/${a.articleId}</td><td class="num">${a.citations}</td></tr>`,
  );
  const never = stats.neverCited.articles.map(
    (a) => html`<tr><td>${a.title}</td><td class="muted">${a.source}/${a.articleId}</td></tr>`,
  );
  const more = stats.neverCited.count - stats.neverCited.articles.length;
  return html`<section class="pair" aria-label="Cited articles">
<div id="most-cited"><h2>Most cited articles</h2>
${most.length === 0 ? html`<p>No answer cited an article in this period.</p>` : html`<table><thead><tr><th>Article</th><th>Id</th><th>Answers</th></tr></thead><tbody>${most}</tbody></table>`}
</div>
<div id="never-cited"><h2>Never cited (${stats.neverCited.count})</h2>
${never.length === 0 ? html`<p>Every article was cited in this period.</p>` : html`<table><thead><tr><th>Article</th><th>Id</th></tr></thead><tbody>${never}</tbody></table>`}
${more > 0 ? html`<p class="muted">and ${more} more</p>` : ''}
</div>
</section>`;
}

/** A job's progress counts, as the page shows them (the script writes the same text). */
export function describeProgress(job: JobRecord): string {
  const p = job.progress;
  return `seen ${p.seen} · added ${p.added} · updated ${p.updated} · unchanged ${p.unchanged} · deleted ${p.deleted} · failed ${p.failed}`;
}

function jobs(list: JobRecord[]): Html {
  const rows = list.map(
    (j) => html`<tr data-job-id="${j.id}" data-state="${j.state}"${ACTIVE.has(j.state) ? ' data-follow' : ''}>
<td>${j.source}</td><td class="state">${j.state}</td>
<td><progress${ACTIVE.has(j.state) ? '' : html` value="1" max="1"`}></progress> <span class="progress">${describeProgress(j)}</span>${j.message === null ? '' : html`<div class="muted message">${j.message}</div>`}</td>
<td>${when(j.createdAt)}</td><td class="finished">${when(j.finishedAt)}</td>
</tr>`,
  );
  return html`<section id="jobs" aria-label="Re-index jobs">
<h2>Re-index jobs</h2>
<form class="reindex" method="post" action="${ADMIN_PATH}/reindex">
<label>Source <input name="source" required maxlength="200" placeholder="help-center"></label>
<label>Folder on the server <input name="folder" required placeholder="/srv/kb/help-center"></label>
<button type="submit">Re-index</button>
</form>
${
  rows.length === 0
    ? html`<p>No re-index jobs yet.</p>`
    : html`<table class="jobs"><thead><tr><th>Source</th><th>State</th><th>Progress</th><th>Queued</th><th>Finished</th></tr></thead><tbody>${rows}</tbody></table>`
}
</section>`;
}

function index(kb: IndexSummary, jobList: JobRecord[]): Html {
  const lastSync = (source: string) =>
    jobList.find((j) => j.source === source && j.state === 'succeeded')?.finishedAt ?? null;
  const rows = kb.sources.map(
    (s) =>
      html`<tr><td>${s.source}</td><td class="num">${s.articles}</td><td class="num">${s.internal}</td><td>${when(s.lastUpdatedAt)}</td><td>${when(lastSync(s.source))}</td></tr>`,
  );
  return html`<section id="index" aria-label="Index">
<h2>Index</h2>
<p>${kb.articles} articles, ${kb.chunks} chunks; embedding model <code>${kb.activeModel ?? 'none yet'}</code></p>
<table><thead><tr><th>Source</th><th>Articles</th><th>Internal</th><th>Last change</th><th>Last re-index</th></tr></thead><tbody>${rows}</tbody></table>
</section>`;
}
