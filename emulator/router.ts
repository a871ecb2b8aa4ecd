/** Matches `/api/v2/usergroups/{id}/members`-style templates; path parameters come back in order. */
export class Router<R extends { method: string; template: string }> {
  private readonly bySize = new Map<number, { route: R; parts: (string | null)[] }[]>();

  constructor(routes: readonly R[]) {
    for (const route of routes) {
      const parts = route.template.split("/").map((p) => (p.startsWith("{") ? null : p));
      const list = this.bySize.get(parts.length) ?? [];
      list.push({ route, parts });
      this.bySize.set(parts.length, list);
    }
  }

  /** The route for a method and path; `methodMismatch` when the path exists under another method only. */
  match(method: string, path: string): { route: R; params: string[] } | { methodMismatch: boolean } {
    const segments = path.split("/");
    let pathMatched = false;
    for (const { route, parts } of this.bySize.get(segments.length) ?? []) {
      const params: string[] = [];
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i];
        const segment = segments[i]!;
        if (part === null) {
          if (segment === "") {
            ok = false;
            break;
          }
          params.push(decodeURIComponent(segment));
        } else if (part !== segment) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (route.method === method) return { route, params };
      pathMatched = true;
    }
    return { methodMismatch: pathMatched };
  }
}
