import type { OrgInfo } from "../sync/graph";

/**
 * Deep links into the JumpCloud admin console, for reviewers who want to check or fix an entry by hand.
 *
 * The console is served from the same host as the API (console.jumpcloud.com, console.eu..., console.in...), so the
 * base is the synced API URL without any path. The user route (`#/users/<id>/details`) is the one other JumpCloud
 * integrations link to; groups and applications follow the same pattern under their console sections. Admin
 * accounts and roles are linked to the administrators list rather than to a page per account.
 */
export interface ConsoleLinks {
  user(id: string): string;
  group(id: string): string;
  application(id: string): string;
  admins(): string;
}

export function consoleLinks(org: OrgInfo): ConsoleLinks {
  const base = consoleBase(org.apiUrl);
  const enc = encodeURIComponent;
  return {
    user: (id) => `${base}/#/users/${enc(id)}/details`,
    group: (id) => `${base}/#/groups/user/${enc(id)}/details`,
    application: (id) => `${base}/#/sso/${enc(id)}/details`,
    admins: () => `${base}/#/settings/administrators`,
  };
}

function consoleBase(apiUrl: string): string {
  try {
    return new URL(apiUrl).origin;
  } catch {
    return "https://console.jumpcloud.com";
  }
}
