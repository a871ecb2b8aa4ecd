import { JumpCloudError } from "../../errors";
import type { ValidManifest } from "../../manifest/flatten-manifest";
import { normalizeEmail } from "../../manifest/manifest-grant";
import type { AccessGraph, Application, Group, User } from "../../sync/graph";

/**
 * The manifest's names (group names, application names, emails) matched to the objects of one synced graph, the way
 * the resources resolve them: applications by portal label, then connector name; names exactly, then ignoring case;
 * emails ignoring case. A review reads the graph only, so a name nothing matches is simply not in the org (its grant
 * cannot be one of the graph's edges); a name that matches two objects is an error, since the review could then
 * attribute access to the wrong entry.
 */
export interface ManifestNames {
  group(name: string): Group | undefined;
  application(name: string): Application | undefined;
  users(email: string): User[];
  /** The name to write into the manifest for a graph object: the manifest's own key when it has one. */
  groupKey(group: Group): string;
  applicationKey(application: Application): string;
}

function byName<T>(items: readonly T[], wanted: string, nameOf: (item: T) => string): T[] {
  const exact = items.filter((item) => nameOf(item) === wanted);
  if (exact.length) return exact;
  const folded = wanted.toLowerCase();
  return items.filter((item) => nameOf(item).toLowerCase() === folded);
}

function single<T extends { id: string }>(found: T[], what: string, name: string): T | undefined {
  if (found.length <= 1) return found[0];
  throw new JumpCloudError(
    "invalid_input",
    `${what} "${name}" of the manifest matches ${found.length} objects in JumpCloud (ids ${found.map((f) => f.id).join(", ")}).`,
    { hint: `Rename one of them in JumpCloud so that the review can tell which ${what} the manifest means.` },
  );
}

export function manifestNames(graph: AccessGraph, manifest: ValidManifest): ManifestNames {
  const groupCache = new Map<string, Group | undefined>();
  const appCache = new Map<string, Application | undefined>();
  const group = (name: string): Group | undefined => {
    if (!groupCache.has(name))
      groupCache.set(
        name,
        single(
          byName(graph.groups, name, (g) => g.name),
          "group",
          name,
        ),
      );
    return groupCache.get(name);
  };
  const application = (name: string): Application | undefined => {
    if (!appCache.has(name)) {
      const byLabel = byName(graph.applications, name, (a) => a.label);
      const found = byLabel.length ? byLabel : byName(graph.applications, name, (a) => a.name);
      appCache.set(name, single(found, "application", name));
    }
    return appCache.get(name);
  };
  const usersByEmail = new Map<string, User[]>();
  for (const user of graph.users) {
    const key = normalizeEmail(user.email);
    usersByEmail.set(key, [...(usersByEmail.get(key) ?? []), user]);
  }
  const groupNames = new Set([
    ...Object.keys(manifest.groups ?? {}),
    ...Object.keys(manifest.revoked?.groups ?? {}),
    ...Object.values(manifest.applications ?? {}).flatMap((a) => (a.groups ?? []).map((g) => g.group)),
  ]);
  const groupKeys = new Map<string, string>();
  for (const name of groupNames) {
    const found = group(name);
    if (found && !groupKeys.has(found.id)) groupKeys.set(found.id, name);
  }
  const appKeys = new Map<string, string>();
  for (const name of [
    ...Object.keys(manifest.applications ?? {}),
    ...Object.keys(manifest.revoked?.applications ?? {}),
  ]) {
    const found = application(name);
    if (found && !appKeys.has(found.id)) appKeys.set(found.id, name);
  }
  return {
    group,
    application,
    users: (email) => usersByEmail.get(normalizeEmail(email)) ?? [],
    groupKey: (g) => groupKeys.get(g.id) ?? g.name,
    // A new entry names the application by its label when the label is unique, as people know it by its label.
    applicationKey: (a) =>
      appKeys.get(a.id) ?? (graph.applications.filter((o) => o.label === a.label).length === 1 ? a.label : a.name),
  };
}
