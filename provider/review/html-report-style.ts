/**
 * The review page's style sheet, inlined by `reviewHtml`. A TypeScript module holding the text, so that the `tsc`
 * build ships it and rendering stays pure (no file to read at run time).
 */
export const REVIEW_STYLE = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--head:#f6f8fa;--direct:#0969da;--group:#1a7f37;--warn:#9a6700;--alert:#cf222e}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{position:sticky;top:0;z-index:2;background:var(--bg);border-bottom:1px solid var(--line);padding:12px 24px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:18px 0 4px}
main{padding:0 24px 48px}section,.block{scroll-margin-top:190px}.meta,.explain,.muted{color:var(--muted)}.meta{margin:2px 0 6px}nav a{margin-right:12px}
.search{display:flex;gap:8px;align-items:center;margin-top:8px}.search input{flex:1;max-width:560px;padding:6px 8px;border:1px solid var(--line);border-radius:6px;font:inherit}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:8px;margin:0}.card{border:1px solid var(--line);border-radius:8px;padding:8px 10px}
.card dt{color:var(--muted);font-size:12px}.card dd{margin:0;font-size:20px;font-weight:600}.card.alert{border-color:var(--alert)}.card.alert dd{color:var(--alert)}.card.warn{border-color:var(--warn)}
.note{background:#f6f8fa;border:1px solid var(--line);border-radius:8px;padding:4px 14px;margin-top:16px}
table{border-collapse:collapse;width:100%;margin:4px 0 8px}th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--head);cursor:pointer;user-select:none;white-space:nowrap}th::after{content:" ↕";color:#afb8c1}th[aria-sort=ascending]::after{content:" ▲";color:var(--fg)}th[aria-sort=descending]::after{content:" ▼";color:var(--fg)}
.count{font-weight:normal;color:var(--muted);font-size:12px;border:1px solid var(--line);border-radius:10px;padding:0 7px;margin-left:4px}
.badge{display:inline-block;border-radius:10px;padding:0 7px;font-size:12px;border:1px solid;white-space:nowrap}
.badge.direct{background:var(--direct);border-color:var(--direct);color:#fff}.badge.group{background:#fff;border-color:var(--group);color:var(--group)}
.badge.admin{background:#8250df;border-color:#8250df;color:#fff}.badge.unmanaged{background:#fff8c5;border-color:var(--warn);color:var(--warn);font-weight:600}
.badge.warn{border-color:var(--warn);color:var(--warn)}.badge.state-active{border-color:var(--line);color:var(--muted)}.badge.state-staged{border-color:var(--line);color:var(--muted)}
.badge.state-suspended,.badge.state-locked{background:var(--alert);border-color:var(--alert);color:#fff}
.badge.diff-added{border-color:var(--group);color:var(--group)}.badge.diff-removed{border-color:var(--alert);color:var(--alert)}.badge.diff-changed{border-color:var(--warn);color:var(--warn)}
tr.unmanaged td{background:#fff8c5}tr.unmanaged td:first-child{box-shadow:inset 4px 0 var(--warn)}
tr.inactive td{background:#ffebe9}tr.inactive td:first-child{box-shadow:inset 4px 0 var(--alert)}
tr.admin-only td:first-child{box-shadow:inset 4px 0 #8250df}.roles{color:var(--muted);font-size:12px}
.empty{color:var(--muted);font-style:italic;margin:2px 0 8px}pre{background:var(--head);padding:8px;overflow:auto;font-size:12px}
.diagram-wrap{overflow-x:auto}.diagram .edge{fill:none;stroke:#8c959f;stroke-width:1.2;opacity:.7}.diagram .edge.hl{stroke:var(--direct);stroke-width:2.5;opacity:1}
.diagram .node rect{stroke-width:1}.diagram .group rect{fill:#e8f0fe;stroke:#4063b8}.diagram .app rect{fill:#e6f4ea;stroke:#2e7d32}.diagram .inactive rect{fill:#f6f8fa;stroke:#afb8c1}
.diagram text{font-size:12px;fill:var(--fg)}.diagram .heading{font-weight:600;fill:var(--muted)}.diagram .node{cursor:default}.diagram .node.hl rect{stroke-width:2.5}
@media print{header{position:static}.search{display:none}}
`;
