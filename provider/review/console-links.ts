import type { OrgInfo } from "../sync/graph";

/**
 * Deep links into the JumpCloud admin console, for reviewers who want to check or fix an entry by hand.
 *
 * The console is served from the same host as the API (console.jumpcloud.com, console.eu..., console.in...), so the
 * base is the synced API URL without any path. Admin accounts and roles have no page of their own in the console:
 * both link to the administrators list.
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
