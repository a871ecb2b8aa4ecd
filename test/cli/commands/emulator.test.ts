import { describe, expect, it } from "vitest";
import { parseSynthetic, runEmulator } from "../../../cli/commands/emulator";
import { EXIT_CODES } from "../../../cli/command-support";
import { EMULATOR_DEMO_API_KEY } from "../../../emulator";

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) } },
    out: () => out.join(""),
    err: () => err.join(""),
  };
}

async function waitFor(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
}

describe("jumpcloud-access emulator", () => {
  it("serves the demo org by default, prints the URL and key, and stops when told", async () => {
    const { io, out } = captureIo();
    const stop = new AbortController();
    const running = runEmulator(["--latency", "0"], io, stop.signal);
    await waitFor(() => out().includes("Press Ctrl-C"));
    const url = /JUMPCLOUD_API_URL=(\S+)/.exec(out())?.[1];
    expect(out()).toContain(`JUMPCLOUD_API_KEY=${EMULATOR_DEMO_API_KEY}`);
    expect(out()).toMatch(/orgs: Acme Corp \([0-9a-f]{24}\)/);
    const response = await fetch(`${url}/api/v2/usergroups?limit=100`, {
      headers: { "x-api-key": EMULATOR_DEMO_API_KEY },
    });
    expect(response.headers.get("x-total-count")).toBe("6");
    stop.abort();
    expect(await running).toBe(0);
    expect(out()).toContain("Emulator stopped.");
  });

  it("generates a synthetic org with faults from flags", async () => {
    const { io, out } = captureIo();
    const stop = new AbortController();
    const running = runEmulator(
      [
        "--synthetic",
        "users=150,groups=3,apps=1,admins=1,membersPerGroup=10,seed=3",
        "--rate-limit",
        "1",
        "--api-key",
        "k1",
      ],
      io,
      stop.signal,
    );
    await waitFor(() => out().includes("Press Ctrl-C"));
    const url = /JUMPCLOUD_API_URL=(\S+)/.exec(out())?.[1];
    const first = await fetch(`${url}/api/systemusers`, { headers: { "x-api-key": "k1" } });
    expect(((await first.json()) as { totalCount: number }).totalCount).toBe(150);
    expect((await fetch(`${url}/api/systemusers`, { headers: { "x-api-key": "k1" } })).status).toBe(429);
    stop.abort();
    expect(await running).toBe(0);
  });

  it("refuses bad flags with exit code 2 and says what to fix", async () => {
    const cases: [string[], string][] = [
      [["--org", "a.yaml", "--synthetic", "users=1"], "Give --org or --synthetic, not both."],
      [["--latency", "soon"], '--latency must be a non-negative number, got "soon".'],
      [["--synthetic", "users=10,colour=blue"], '--synthetic: unknown key "colour"'],
      [["--bogus"], "Unknown option '--bogus'"],
    ];
    for (const [args, message] of cases) {
      const { io, err } = captureIo();
      expect(await runEmulator(args, io, new AbortController().signal)).toBe(2);
      expect(err()).toContain(message);
    }
  });

  it("reports errors like sync and review: one line, the command named, the pointer to --help", async () => {
    const { io, err } = captureIo();
    expect(await runEmulator(["--latency", "soon"], io, new AbortController().signal)).toBe(EXIT_CODES.usage);
    expect(err()).toBe(
      'error: emulator: --latency must be a non-negative number, got "soon". Run "jumpcloud-access emulator --help" for the options.\n',
    );
    const stray = captureIo();
    expect(await runEmulator(["--port", "1", "extra"], stray.io, new AbortController().signal)).toBe(2);
    // A stray argument is never quoted: it may be a key pasted in the wrong place.
    expect(stray.err()).toMatch(/^error: emulator: unexpected argument #3 \(not shown.*--help" for the options\.\n$/);
    expect(stray.err()).not.toContain("extra");
  });

  it("reports an org file it cannot load with exit code 1", async () => {
    const { io, err } = captureIo();
    expect(await runEmulator(["--org", "/nonexistent/org.yaml"], io, new AbortController().signal)).toBe(1);
    expect(err()).toContain("Cannot start the emulator: Cannot read org file /nonexistent/org.yaml");
  });

  it("parses --synthetic into generator options", () => {
    expect(parseSynthetic("users=10,groups=2,distribution=zipf")).toEqual({
      users: 10,
      groups: 2,
      apps: 0,
      admins: 0,
      membersPerGroup: 0,
      distribution: "zipf",
    });
  });
});
