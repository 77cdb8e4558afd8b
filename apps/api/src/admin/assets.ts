// The dashboard's stylesheet and script, served from /admin/assets (the CSP allows nothing inline).

/** The dashboard's styles. */
export const DASHBOARD_CSS = `
:root { color-scheme: light; font-family: system-ui, sans-serif; color: #222; background: #f6f7f9; }
body { margin: 0; }
header { display: flex; justify-content: space-between; align-items: center; padding: 12px 24px; background: #1f2933; color: #fff; }
header h1 { font-size: 18px; margin: 0; }
main { padding: 16px 24px; max-width: 1200px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
.muted { color: #6b7280; font-size: 12px; }
.error { background: #fde8e8; color: #9b1c1c; padding: 8px 12px; border-radius: 4px; }
form.period, form.reindex { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin: 8px 0; }
button { padding: 4px 12px; cursor: pointer; }
button.link { background: none; border: 1px solid #9aa5b1; color: #fff; border-radius: 4px; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 12px; margin: 12px 0; }
.tile { background: #fff; border-radius: 6px; padding: 10px 12px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.tile .value { font-size: 22px; font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(370px, 1fr)); gap: 12px; }
figure { margin: 0; background: #fff; border-radius: 6px; padding: 8px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
figcaption { font-size: 13px; font-weight: 600; margin-bottom: 4px; }
table { border-collapse: collapse; background: #fff; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
td.num { text-align: right; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.sign-in { max-width: 420px; margin: 10vh auto; background: #fff; padding: 24px; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.1); }
.sign-in input { display: block; width: 100%; box-sizing: border-box; margin: 6px 0 12px; padding: 6px; }
progress { width: 80px; vertical-align: middle; }
`;

/**
 * Follows every queued or running job on the page: one EventSource per job on its progress
 * stream; each `job` event rewrites the row's state and counts, and the stream ends with the job.
 */
export const DASHBOARD_JS = `
'use strict';
function describe(p) {
  return 'seen ' + p.seen + ' · added ' + p.added + ' · updated ' + p.updated + ' · unchanged ' + p.unchanged +
    ' · deleted ' + p.deleted + ' · failed ' + p.failed;
}
function follow(row) {
  var id = row.getAttribute('data-job-id');
  var source = new EventSource('/admin/jobs/' + encodeURIComponent(id) + '/events');
  source.addEventListener('job', function (event) {
    var job = JSON.parse(event.data);
    row.setAttribute('data-state', job.state);
    row.querySelector('.state').textContent = job.state;
    row.querySelector('.progress').textContent = describe(job.progress);
    if (job.state === 'succeeded' || job.state === 'failed') {
      var bar = row.querySelector('progress');
      bar.max = 1;
      bar.value = 1;
      row.querySelector('.finished').textContent = (job.finishedAt || '').slice(0, 16).replace('T', ' ') + ' UTC';
      source.close();
    }
  });
  // The session ended or the server went away: stop, rather than retry for ever.
  source.addEventListener('error', function () { if (source.readyState === EventSource.CLOSED) source.close(); });
}
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('tr[data-follow]').forEach(follow);
});
`;
