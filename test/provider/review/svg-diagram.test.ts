import { describe, expect, it } from "vitest";
import { groupsApplicationsSvg } from "../../../provider/review";
import { buildGraph, handMadeOrg, type OrgFixture } from "./fixtures";

const nodes = (svg: string, kind: string) =>
  [
    ...svg.matchAll(
      new RegExp(`<g class="node ${kind}[^"]*" data-id="[^"]+" transform="translate\\((\\d+),([\\d.]+)\\)"`, "g"),
    ),
  ].map((m) => Number(m[2]));

describe("groups → applications picture (inline SVG)", () => {
  it("draws assigned groups, every application and one curve per group assignment", () => {
    const svg = groupsApplicationsSvg(buildGraph(handMadeOrg));
    expect(nodes(svg, "group")).toHaveLength(3);
    expect(nodes(svg, "app")).toHaveLength(3);
    expect(svg.match(/<path class="edge"/g)).toHaveLength(3);
    expect(svg).toContain("<title>engineering: 4 members</title>");
    expect(svg).toContain("<title>Figma (inactive): 0 users assigned directly</title>");
    expect(svg).toContain(">Slack +1 direct</text>");
  });

  it("gives each of 50 groups a row of its own and keeps long names whole in the tooltip", () => {
    const long = "a-very-long-group-name-that-would-not-fit-in-the-box";
    const groups = Array.from({ length: 55 }, (_, i) => ({
      name: i === 0 ? long : `team-${String(i).padStart(2, "0")}`,
      members: [],
    }));
    const org: OrgFixture = {
      users: [],
      groups,
      applications: Array.from({ length: 8 }, (_, a) => ({
        name: `app-${a}`,
        groups: groups
          .slice(0, 50)
          .filter((_, i) => i % 8 === a)
          .map((g) => g.name),
      })),
      roles: [],
      admins: [],
    };
    const svg = groupsApplicationsSvg(buildGraph(org));
    const ys = nodes(svg, "group");
    expect(ys).toHaveLength(50);
    const sorted = [...ys].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++)
      expect((sorted[i] as number) - (sorted[i - 1] as number)).toBeGreaterThanOrEqual(24);
    expect(svg).toContain(`<title>${long}: 0 members</title>`);
    expect(svg).toMatch(/>a-very-long-group-name-that-would…<\/text>/);
    expect(svg.match(/<path class="edge"/g)).toHaveLength(50);
  });

  it("escapes names", () => {
    const svg = groupsApplicationsSvg(
      buildGraph({
        ...handMadeOrg,
        groups: [{ name: "<b>&co</b>", members: [] }],
        applications: [{ name: "x", groups: ["<b>&co</b>"] }],
      }),
    );
    expect(svg).toContain("&lt;b&gt;&amp;co&lt;/b&gt; (0)");
    expect(svg).not.toContain("<b>");
  });
});
