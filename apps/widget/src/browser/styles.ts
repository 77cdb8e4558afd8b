// The widget's whole stylesheet. It lives in the shadow root, so the page's CSS cannot reach in and
// ours cannot leak out; `all: initial` on the host stops inherited page fonts and colours.
export const STYLES = `
:host{all:initial;--sc-accent:#2563eb;--sc-on-accent:#fff;--sc-bg:#fff;--sc-fg:#1f2937;--sc-muted:#5b6472;--sc-border:#d9dde3;--sc-bot:#f2f4f7;--sc-link:var(--sc-accent);--sc-warn:#b45309;--sc-error:#b91c1c;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--sc-fg)}
@media (prefers-color-scheme:dark){:host{--sc-bg:#15181e;--sc-fg:#eceff3;--sc-muted:#a3abb8;--sc-border:#343a45;--sc-bot:#222730;--sc-link:color-mix(in srgb,var(--sc-accent) 55%,#fff);--sc-warn:#fbbf24;--sc-error:#fca5a5}}
*{box-sizing:border-box}
[hidden]{display:none!important}
svg{width:20px;height:20px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round;flex:none}
button{font:inherit;color:inherit;cursor:pointer}
button:disabled{cursor:default;opacity:.55}
:focus-visible{outline:2px solid var(--sc-link);outline-offset:2px}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.launcher{position:fixed;bottom:20px;right:20px;z-index:2147483000;width:56px;height:56px;border:0;border-radius:50%;background:var(--sc-accent);color:var(--sc-on-accent);display:grid;place-items:center;box-shadow:0 6px 20px rgb(0 0 0/.25);transition:transform .15s}
.launcher:hover{transform:scale(1.06)}
.launcher svg{width:26px;height:26px}
.panel{position:fixed;bottom:88px;right:20px;z-index:2147483000;width:min(400px,calc(100vw - 24px));height:min(620px,calc(100vh - 108px));display:flex;flex-direction:column;background:var(--sc-bg);color:var(--sc-fg);border:1px solid var(--sc-border);border-radius:14px;box-shadow:0 12px 40px rgb(0 0 0/.28);overflow:hidden;animation:sc-in .18s ease-out}
:host([data-position=bottom-left]) .launcher,:host([data-position=bottom-left]) .panel{right:auto;left:20px}
@keyframes sc-in{from{opacity:0;transform:translateY(8px)}}
header{display:flex;align-items:center;gap:4px;padding:10px 8px 10px 16px;border-bottom:1px solid var(--sc-border)}
h2{flex:1;margin:0;font-size:16px;font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.icon{display:grid;place-items:center;width:36px;height:36px;border:0;border-radius:8px;background:none;color:var(--sc-muted)}
.icon:hover{background:var(--sc-bot);color:var(--sc-fg)}
.log{flex:1;overflow-y:auto;padding:14px;display:flex;flex-direction:column;gap:12px;overscroll-behavior:contain}
.msg{max-width:100%;padding:10px 12px;border-radius:12px;overflow-wrap:anywhere}
.user{align-self:flex-end;max-width:85%;background:var(--sc-accent);color:var(--sc-on-accent);border-bottom-right-radius:4px;white-space:pre-wrap}
.bot{align-self:stretch;background:var(--sc-bot);border-bottom-left-radius:4px}
.bot p,.bot ul,.bot ol,.bot pre,.bot blockquote{margin:0 0 8px}
.bot>:last-child,.body>:last-child{margin-bottom:0}
.bot ul,.bot ol{padding-left:20px}
.heading{font-weight:600}
blockquote{padding-left:10px;border-left:3px solid var(--sc-border)}
code{font:13px ui-monospace,SFMono-Regular,Menlo,monospace;background:var(--sc-bg);padding:1px 4px;border-radius:4px}
pre{overflow-x:auto;background:var(--sc-bg);padding:8px;border-radius:6px}
pre code{padding:0}
a{color:var(--sc-link)}
.cite{display:inline-block;min-width:1.5em;margin:0 1px;padding:0 4px;border-radius:6px;font-size:.75em;line-height:1.6;font-weight:600;text-align:center;vertical-align:.3em;text-decoration:none;background:color-mix(in srgb,var(--sc-link) 16%,transparent)}
a.cite:hover{background:color-mix(in srgb,var(--sc-link) 30%,transparent)}
.bot .sources{margin:10px 0 0;padding:8px 0 0;border-top:1px solid var(--sc-border);list-style:none;font-size:13px}
.sources li{display:flex;gap:6px;margin:3px 0}
.sources .cite{flex:none;align-self:flex-start;vertical-align:0}
.hint+.sources{margin-top:0;padding-top:0;border-top:0}
.sources-label,.hint{margin:10px 0 4px;font-size:12px;font-weight:600;color:var(--sc-muted);text-transform:uppercase;letter-spacing:.04em}
.unsure{font-weight:600}
.note{margin-top:8px;padding:6px 10px;border-left:3px solid var(--sc-warn);font-size:13px;color:var(--sc-muted)}
.error{border:1px solid var(--sc-error);background:var(--sc-bg)}
.error p{margin:0 0 8px}
.actions{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin-top:10px;font-size:13px;color:var(--sc-muted)}
.pill{white-space:nowrap;display:inline-flex;align-items:center;gap:6px;padding:5px 10px;border:1px solid var(--sc-border);border-radius:999px;background:var(--sc-bg);font-size:13px}
.pill:not(:disabled):hover{border-color:var(--sc-link)}
.pill svg{width:16px;height:16px}
.pill[aria-pressed=true]{border-color:var(--sc-link);color:var(--sc-link)}
.typing{display:flex;gap:4px;padding:14px 12px}
.typing i{width:7px;height:7px;border-radius:50%;background:var(--sc-muted);animation:sc-blink 1.2s infinite}
.typing i:nth-child(2){animation-delay:.2s}.typing i:nth-child(3){animation-delay:.4s}
@keyframes sc-blink{50%{opacity:.25}}
form{display:flex;align-items:flex-end;gap:8px;padding:10px;border-top:1px solid var(--sc-border)}
textarea{flex:1;min-height:40px;max-height:120px;resize:none;padding:9px 12px;border:1px solid var(--sc-border);border-radius:10px;background:var(--sc-bg);color:var(--sc-fg);font:inherit}
textarea:focus-visible{outline:2px solid var(--sc-link);outline-offset:0}
.send{display:grid;place-items:center;width:40px;height:40px;border:0;border-radius:10px;background:var(--sc-accent);color:var(--sc-on-accent)}
@media (max-width:480px){.panel{left:8px;right:8px;width:auto;bottom:80px;height:calc(100vh - 96px)}.launcher{bottom:12px;right:12px}:host([data-position=bottom-left]) .panel{left:8px;right:8px}:host([data-position=bottom-left]) .launcher{left:12px}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
`;
