import type { OrgStore } from "./org-store";
import { type JumpCloudObject, renderAdmin, renderApplication, renderGroup, renderSystemUser } from "./render";
import { type SortKey, sortObjects } from "./query";

/**
 * Rendered objects and sort orders, cached per org until the collection changes. A 50,000-user listing is 500 page
 * requests; rendering and sorting the whole collection for each page would make the emulator the bottleneck.
 */
class CollectionView {
  private version = -1;
  private all: JumpCloudObject[] = [];
  private sorted = new Map<string, JumpCloudObject[]>();

  constructor(
    private readonly render: () => JumpCloudObject[],
    private readonly currentVersion: () => number,
  ) {}

  items(keys: SortKey[]): JumpCloudObject[] {
    const version = this.currentVersion();
    if (version !== this.version) {
      this.version = version;
      this.all = this.render();
      this.sorted.clear();
    }
    if (keys.length === 0) return this.all;
    const cacheKey = keys.map((k) => `${k.descending ? "-" : ""}${k.field}`).join(",");
    let order = this.sorted.get(cacheKey);
    if (!order) {
      order = sortObjects(this.all, keys);
      this.sorted.set(cacheKey, order);
    }
    return order;
  }
}

export interface OrgViews {
  users: CollectionView;
  admins: CollectionView;
  applications: CollectionView;
  groups: CollectionView;
}

const cache = new WeakMap<OrgStore, OrgViews>();

export function viewsOf(org: OrgStore): OrgViews {
  let views = cache.get(org);
  if (!views) {
    views = {
      users: new CollectionView(
        () => org.users.map((u) => renderSystemUser(org, u)),
        () => org.usersVersion,
      ),
      admins: new CollectionView(
        () => org.admins.map((a) => renderAdmin(org, a)),
        () => org.adminsVersion,
      ),
      applications: new CollectionView(
        () => org.applications.map((a) => renderApplication(org, a)),
        () => 0,
      ),
      groups: new CollectionView(
        () => org.groups.map((g) => renderGroup(g)),
        () => 0,
      ),
    };
    cache.set(org, views);
  }
  return views;
}
