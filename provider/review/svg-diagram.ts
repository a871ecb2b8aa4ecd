import type { AccessGraph } from "../sync/graph";
import { compareNames, compareText } from "./graph-index";
import { esc } from "./html-page";

const ROW = 26;
const BOX_H = 20;
const BOX_W = 250;
const WIDTH = 860;
const TOP = 30;
const LABEL_MAX = 34;

/**
 * The groups → applications picture drawn as inline SVG for the HTML report (which may load no script to render
 * Mermaid). Groups in one column, applications in the other, one curve per group assignment; every node has a row
 * of its own, so 50 groups take 50 rows and never overlap. Long names are shortened on screen and kept whole in a
 * tooltip. Groups without any application are left out, as in the Mermaid diagram.
 */
export function groupsApplicationsSvg(graph: AccessGraph): string {
  const members = new Map<string, number>();
  for (const m of graph.memberships) members.set(m.groupId, (members.get(m.groupId) ?? 0) + 1);
  const direct = new Map<string, number>();
  const edges: [string, string][] = [];
  for (const a of graph.applicationAssignments) {
    if (a.targetType === "user_group") edges.push([a.targetId, a.applicationId]);
    else direct.set(a.applicationId, (direct.get(a.applicationId) ?? 0) + 1);
  }
  const assigned = new Set(edges.map(([g]) => g));
  const groups = graph.groups
    .filter((g) => assigned.has(g.id))
    .sort((a, b) => compareNames(a.name, b.name) || compareText(a.id, b.id));
  const apps = [...graph.applications].sort((a, b) => compareNames(a.label, b.label) || compareText(a.id, b.id));
  const rows = Math.max(groups.length, apps.length, 1);
  const height = TOP + rows * ROW + 10;
  // The shorter column is spread over the height of the longer one, so curves fan out instead of bunching up.
  const y = (index: number, count: number) =>
    TOP + (count >= rows ? index * ROW : ((index + 0.5) * rows * ROW) / count - ROW / 2);
  const groupY = new Map(groups.map((g, i) => [g.id, y(i, groups.length)]));
  const appY = new Map(apps.map((a, i) => [a.id, y(i, apps.length)]));
  const appX = WIDTH - BOX_W - 10;

  const paths = edges
    .filter(([g, a]) => groupY.has(g) && appY.has(a))
    .map(([g, a]) => {
      const y1 = (groupY.get(g) as number) + BOX_H / 2;
      const y2 = (appY.get(a) as number) + BOX_H / 2;
      const x1 = 10 + BOX_W;
      const mid = (x1 + appX) / 2;
      return `<path class="edge" data-group="${esc(g)}" data-app="${esc(a)}" d="M${x1},${y1} C${mid},${y1} ${mid},${y2} ${appX},${y2}"/>`;
    });
  const node = (kind: string, id: string, x: number, top: number, label: string, title: string) =>
    `<g class="node ${kind}" data-id="${esc(id)}" transform="translate(${x},${top})"><title>${esc(title)}</title>` +
    `<rect width="${BOX_W}" height="${BOX_H}" rx="4"/><text x="8" y="14">${esc(shorten(label))}</text></g>`;
  const groupNodes = groups.map((g) => {
    const count = members.get(g.id) ?? 0;
    return node(
      "group",
      g.id,
      10,
      groupY.get(g.id) as number,
      `${g.name} (${count})`,
      `${g.name}: ${count} member${count === 1 ? "" : "s"}`,
    );
  });
  const appNodes = apps.map((a) => {
    const n = direct.get(a.id) ?? 0;
    const suffix = n ? ` +${n} direct` : "";
    const kind = a.active ? "app" : "app inactive";
    return node(
      kind,
      a.id,
      appX,
      appY.get(a.id) as number,
      `${a.label}${suffix}`,
      `${a.label}${a.active ? "" : " (inactive)"}: ${n} user${n === 1 ? "" : "s"} assigned directly`,
    );
  });
  return `<svg class="diagram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="User groups and the applications they open">
<text class="heading" x="10" y="18">User groups (members)</text><text class="heading" x="${appX}" y="18">Applications</text>
${paths.join("\n")}
${groupNodes.join("\n")}
${appNodes.join("\n")}
</svg>`;
}

function shorten(text: string): string {
  return text.length <= LABEL_MAX ? text : `${text.slice(0, LABEL_MAX - 1)}…`;
}
