import type { OrgStore } from "./org-store";
import { type JumpCloudObject, renderAdmin, renderApplication, renderGroup, renderSystemUser } from "./render";
import { project, type SortKey, sortObjects } from "./query";

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

/** A response body that is already JSON, as byte chunks written in order (no copy into one buffer). */
export class RawJson {
  constructor(
    readonly chunks: Buffer[],
    readonly length: number,
  ) {}
}

/** Where a rendered object keeps its own JSON bytes; symbols, so JSON.stringify and `fields` never see them. */
const JSON_BYTES = Symbol("jsonBytes");
/** The bytes of the last `fields` projection served for the object (a client asks with the same fields every page). */
const PROJECTED_BYTES = Symbol("projectedBytes");
const COMMA = Buffer.from(",");

interface ByteCache {
  [JSON_BYTES]?: Buffer;
  [PROJECTED_BYTES]?: { key: string; bytes: Buffer };
}

function bytesOf(object: JumpCloudObject, fields: string[] | null, idField: string): Buffer {
  const holder = object as ByteCache;
  if (!fields) {
    let bytes = holder[JSON_BYTES];
    if (bytes === undefined) {
      bytes = Buffer.from(JSON.stringify(object));
      holder[JSON_BYTES] = bytes;
    }
    return bytes;
  }
  const key = fields.join(" ");
  const cached = holder[PROJECTED_BYTES];
  if (cached?.key === key) return cached.bytes;
  const bytes = Buffer.from(JSON.stringify(project(object, fields, idField)));
  holder[PROJECTED_BYTES] = { key, bytes };
  return bytes;
}

/**
 * `prefix` + the objects' JSON joined by commas + `suffix`, from bytes serialised once per rendering: a page of 100
 * users is then written as it is stored, with no serialisation, encoding or copy per request.
 */
export function jsonArrayBytes(
  prefix: string,
  objects: readonly JumpCloudObject[],
  suffix: string,
  fields: string[] | null = null,
  idField = "id",
): RawJson {
  const parts: Buffer[] = [Buffer.from(prefix)];
  let length = parts[0]!.length;
  objects.forEach((object, i) => {
    if (i > 0) {
      parts.push(COMMA);
      length += 1;
    }
    const bytes = bytesOf(object, fields, idField);
    parts.push(bytes);
    length += bytes.length;
  });
  const end = Buffer.from(suffix);
  parts.push(end);
  return new RawJson(parts, length + end.length);
}
