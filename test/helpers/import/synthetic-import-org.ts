import { generateSyntheticOrg } from "../../../emulator";
import type { OrgSpec, SyntheticOrgOptions } from "../../../emulator/types";

/**
 * The emulator's synthetic org with what an import must leave out added on top: a dynamic group with members, two
 * groups whose names differ only by case, and two applications sharing a portal label. `extras: false` gives the
 * plain synthetic org.
 */
export function syntheticImportOrg(options: SyntheticOrgOptions, extras = true): OrgSpec {
  const org = generateSyntheticOrg(options);
  if (!extras) return org;
  const someone = (i: number) => org.users?.[i]?.email ?? "";
  org.groups?.push(
    { name: "all-staff", membershipMethod: "DYNAMIC_AUTOMATED", members: [someone(0), someone(1), someone(2)] },
    { name: "Contractors", members: [someone(3)] },
    { name: "contractors", members: [someone(4)] },
  );
  org.applications?.push(
    { name: "wiki", label: "Wiki", users: [someone(5)], groups: ["all-staff"] },
    { name: "confluence", label: "Wiki", users: [someone(6)] },
    { name: "zoom", label: "Zoom", groups: ["all-staff", "Contractors"], users: [someone(7)] },
  );
  return org;
}
