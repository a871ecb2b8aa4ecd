import type { AccessGraph } from "../sync/graph";
import { compareNames, compareText } from "./graph-index";

/**
 * A Mermaid flowchart of who reaches what: user groups on the left, applications on the right, one arrow per group
 * assignment, and one dashed arrow per application from a node counting its directly assigned users.
 *
 * Built to stay readable at 50+ groups: left-to-right layout so groups stack vertically, short node ids, member
 * counts in the labels instead of member nodes, and groups with no application left out of the drawing (they are
 * counted in a comment). Labels are escaped with Mermaid's `#code;` entities, so a group name cannot break the syntax.
 */
export function groupsApplicationsMermaid(graph: AccessGraph): string {
  const members = new Map<string, number>();
  for (const m of graph.memberships) members.set(m.groupId, (members.get(m.groupId) ?? 0) + 1);
  const groupEdges = new Set<string>();
  const direct = new Map<string, number>();
  for (const a of graph.applicationAssignments) {
    if (a.targetType === "user_group") groupEdges.add(`${a.targetId}\u0000${a.applicationId}`);
    else direct.set(a.applicationId, (direct.get(a.applicationId) ?? 0) + 1);
  }
  const assignedGroupIds = new Set([...groupEdges].map((e) => e.split("\u0000")[0] as string));
  const groups = graph.groups
    .filter((g) => assignedGroupIds.has(g.id))
    .sort((a, b) => compareNames(a.name, b.name) || compareText(a.id, b.id));
  const apps = [...graph.applications].sort((a, b) => compareNames(a.label, b.label) || compareText(a.id, b.id));
  const groupNode = new Map(groups.map((g, i) => [g.id, `g${i + 1}`]));
  const appNode = new Map(apps.map((a, i) => [a.id, `a${i + 1}`]));

  const lines = [
    "flowchart LR",
    `  %% ${groups.length} user groups with application access; ${graph.groups.length - groups.length} groups without any are not drawn.`,
    '  subgraph groups["User groups"]',
    "    direction TB",
  ];
  for (const g of groups) {
    const count = members.get(g.id) ?? 0;
    lines.push(`    ${groupNode.get(g.id)}["${label(g.name)}<br/>${count} member${count === 1 ? "" : "s"}"]`);
  }
  lines.push("  end", '  subgraph applications["Applications"]', "    direction TB");
  for (const a of apps) lines.push(`    ${appNode.get(a.id)}["${label(a.label)}${a.active ? "" : "<br/>(inactive)"}"]`);
  lines.push("  end");
  const edges = [...groupEdges]
    .map((e) => e.split("\u0000") as [string, string])
    .filter(([g, a]) => groupNode.has(g) && appNode.has(a))
    .map(([g, a]) => `  ${groupNode.get(g)} --> ${appNode.get(a)}`)
    .sort(compareText);
  lines.push(...edges);
  for (const a of apps) {
    const count = direct.get(a.id);
    if (!count) continue;
    const node = `d${appNode.get(a.id)?.slice(1)}`;
    lines.push(`  ${node}(["${count} user${count === 1 ? "" : "s"} assigned directly"]) -.-> ${appNode.get(a.id)}`);
  }
  lines.push("  classDef group fill:#e8f0fe,stroke:#4063b8;", "  classDef app fill:#e6f4ea,stroke:#2e7d32;");
  // Class lists in chunks: one line per 20 nodes keeps the source readable as text too.
  for (const chunk of chunks(
    groups.map((g) => groupNode.get(g.id)),
    20,
  ))
    lines.push(`  class ${chunk.join(",")} group;`);
  for (const chunk of chunks(
    apps.map((a) => appNode.get(a.id)),
    20,
  ))
    lines.push(`  class ${chunk.join(",")} app;`);
  return `${lines.join("\n")}\n`;
}

function label(text: string): string {
  return text
    .replaceAll("#", "#35;")
    .replaceAll('"', "#quot;")
    .replaceAll("<", "#lt;")
    .replaceAll(">", "#gt;")
    .replaceAll("\n", " ");
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
