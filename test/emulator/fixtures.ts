import type { OrgSpec } from "../../emulator";

/** A small org used across the emulator tests. */
export const SMALL_ORG: OrgSpec = {
  name: "Test Org",
  users: [
    { email: "alice@test.example", firstname: "Alice", lastname: "A", department: "Eng" },
    { email: "bob@test.example", firstname: "Bob", state: "SUSPENDED" },
    { email: "carol@test.example", locked: true },
  ],
  groups: [
    { name: "engineering", members: ["alice@test.example", "bob@test.example"] },
    { name: "everyone", membershipMethod: "DYNAMIC_AUTOMATED", members: ["alice@test.example"] },
    { name: "empty" },
  ],
  applications: [{ name: "slack", label: "Slack", groups: ["engineering"], users: ["carol@test.example"] }],
  admins: [
    { email: "alice@test.example", roles: ["Administrator"] },
    { email: "bob@test.example", roles: ["help desk", "Read Only"] },
  ],
  customRoles: ["Access Reviewer"],
};

/** A tiny client for the tests: real HTTP, the key in a header, JSON in and out. */
export function client(url: string, key: string, extraHeaders: Record<string, string> = {}) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}${path}`, {
      method,
      redirect: "manual",
      headers: {
        "x-api-key": key,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...extraHeaders,
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies and assert on them directly.
    return { status: response.status, headers: response.headers, text, json: json as any };
  };
}
