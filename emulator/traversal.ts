/** Traversal answers: objects reached through the graph, each with every path that reaches it. */
import type { OrgStore } from "./org-store";
import { connection, type JumpCloudObject, withPaths } from "./render";

export function pathsOf(segments: [string, string][]): JumpCloudObject[] {
  return segments.map(([id, type]) => connection(id, type));
}

/** Everyone with access to an application: direct users (a one-edge path) and group members (group edge, user edge). */
export function applicationUsers(org: OrgStore, appIndex: number): JumpCloudObject[] {
  const app = org.applications[appIndex]!;
  const paths = new Map<number, JumpCloudObject[][]>();
  const add = (user: number, path: JumpCloudObject[]) => {
    const list = paths.get(user);
    if (list) list.push(path);
    else paths.set(user, [path]);
  };
  for (const user of app.users) add(user, pathsOf([[org.users[user]!.id, "user"]]));
  for (const groupIndex of app.groups) {
    const group = org.groups[groupIndex]!;
    for (const user of group.members) {
      add(
        user,
        pathsOf([
          [group.id, "user_group"],
          [org.users[user]!.id, "user"],
        ]),
      );
    }
  }
  return [...paths].map(([user, list]) => withPaths(org.users[user]!.id, "user", list));
}
