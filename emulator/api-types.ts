import type { OrgStore } from "./org-store";

/** What a route handler gets: the org addressed, the parsed request, and the settings in force for it. */
export interface ApiRequest {
  org: OrgStore;
  /** Every org the key reaches (one unless MSP). */
  orgs: readonly OrgStore[];
  params: string[];
  query: URLSearchParams;
  body: unknown;
  now: number;
  visibilityDelayMs: number;
  overLimit: "reject" | "clamp";
  /** Set when graph listings are unstable: where (0..1 of the list) this request's listing starts. */
  graphOrderDie: number | null;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiRoute {
  method: "GET" | "POST" | "PUT";
  /** e.g. `/api/v2/usergroups/{id}/members`. */
  template: string;
  /** Whether the route needs an org (every route but the organization list). */
  orgScoped: boolean;
  handle(request: ApiRequest): ApiResponse;
}
