import { MULTI_ROLE_NAME } from "./roles";
import {
  createdAt,
  type OrgStore,
  type StoredAdmin,
  type StoredApplication,
  type StoredGroup,
  type StoredRole,
  type StoredUser,
} from "./org-store";

/** Raw JumpCloud shapes, as the official OpenAPI documents describe them (v1 `_id`, v2 `id`). */
export type JumpCloudObject = Record<string, unknown>;

export function renderSystemUser(org: OrgStore, user: StoredUser): JumpCloudObject {
  const displayname = `${user.firstname} ${user.lastname}`.trim();
  return {
    _id: user.id,
    username: user.username,
    email: user.email,
    firstname: user.firstname,
    lastname: user.lastname,
    displayname,
    department: user.department,
    jobTitle: user.jobTitle,
    employeeType: "",
    manager: "",
    state: user.state,
    activated: user.state === "ACTIVATED",
    suspended: user.state === "SUSPENDED",
    account_locked: user.locked,
    account_locked_date: user.locked ? createdAt(user.created) : null,
    organization: org.id,
    created: createdAt(user.created),
    mfa: { configured: false, exclusion: false },
    totp_enabled: false,
    externally_managed: false,
    password_expired: false,
    sudo: false,
    tags: [],
    attributes: [],
    addresses: [],
    phoneNumbers: [],
    ssh_keys: [],
  };
}

export function renderAdmin(org: OrgStore, admin: StoredAdmin): JumpCloudObject {
  const roles: StoredRole[] = admin.roles.map((r) => org.roles[r]!);
  return {
    _id: admin.id,
    email: admin.email,
    firstname: admin.firstname,
    lastname: admin.lastname,
    organization: org.id,
    role: roles[0]?.id ?? "",
    roleName: roles.length > 1 ? MULTI_ROLE_NAME : (roles[0]?.name ?? ""),
    roles: roles.map((r) => r.id),
    roleNames: roles.map((r) => r.name),
    suspended: admin.suspended,
    enableMultiFactor: false,
    apiKeyAllowed: false,
    created: createdAt(admin.created),
  };
}

export function renderApplication(org: OrgStore, app: StoredApplication): JumpCloudObject {
  return {
    _id: app.id,
    name: app.name,
    displayName: app.label,
    displayLabel: app.label,
    active: app.active,
    beta: false,
    // SAML settings live here on the real service; the spec requires the object even when it says nothing.
    config: {},
    ssoUrl: `https://sso.jumpcloud.com/saml2/${app.name}`,
    organization: org.id,
    created: createdAt(app.created),
  };
}

export function renderGroup(group: StoredGroup): JumpCloudObject {
  const dynamic = group.membershipMethod.startsWith("DYNAMIC");
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    email: "",
    type: "user_group",
    membershipMethod: group.membershipMethod,
    memberQuery: dynamic ? { queryType: "FilterQuery", filters: [] } : null,
    attributes: null,
  };
}

export function renderRole(org: OrgStore, role: StoredRole): JumpCloudObject {
  return {
    id: role.id,
    name: role.name,
    scopes: role.scopes,
    isCustom: role.isCustom,
    organizationIds: role.isCustom ? [org.id] : [],
  };
}

/** A v2 GraphConnection: the edge to one object, as `/members` and `/associations` list them. */
export function connection(id: string, type: string): JumpCloudObject {
  return { attributes: null, to: { attributes: null, id, type } };
}

/** A v2 GraphObjectWithPaths: one object reached by a traversal, with every route to it. */
export function withPaths(id: string, type: string, paths: JumpCloudObject[][]): JumpCloudObject {
  return { id, type, compiledAttributes: null, paths };
}
