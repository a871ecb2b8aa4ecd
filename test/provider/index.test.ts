import { describe, expectTypeOf, it } from "vitest";
import {
  type AccessGraph,
  type ClientOptions,
  type ConnectionSettings,
  fullSync,
  type JumpCloudAdmin,
  type JumpCloudClient,
  type JumpCloudSystemUser,
  type JumpCloudUserGroup,
  resolveClientOptions,
} from "../../provider";

// The names other modules code against (resources, reviews, CLI): a signature change fails type-checking here.
describe("public API of the client and the sync", () => {
  it("keeps the agreed signatures", () => {
    expectTypeOf(resolveClientOptions).parameters.toEqualTypeOf<
      [ConnectionSettings, (NodeJS.ProcessEnv | undefined)?]
    >();
    expectTypeOf(resolveClientOptions).returns.toEqualTypeOf<ClientOptions>();
    expectTypeOf<JumpCloudClient["apiUrl"]>().toEqualTypeOf<string>();
    expectTypeOf<JumpCloudClient["orgId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<JumpCloudClient["listUsers"]>().returns.toEqualTypeOf<Promise<JumpCloudSystemUser[]>>();
    expectTypeOf<JumpCloudClient["listAdmins"]>().returns.toEqualTypeOf<Promise<JumpCloudAdmin[]>>();
    expectTypeOf<JumpCloudClient["getGroup"]>().returns.toEqualTypeOf<Promise<JumpCloudUserGroup>>();
    expectTypeOf<JumpCloudClient["listGroupMembers"]>().returns.toEqualTypeOf<Promise<string[]>>();
    expectTypeOf<JumpCloudClient["listApplicationAssociations"]>().parameter(1).toEqualTypeOf<"user" | "user_group">();
    expectTypeOf<JumpCloudClient["addGroupMember"]>().returns.toEqualTypeOf<Promise<"added" | "already_present">>();
    expectTypeOf<JumpCloudClient["removeGroupMember"]>().returns.toEqualTypeOf<Promise<"removed" | "absent">>();
    expectTypeOf<JumpCloudClient["assignApplication"]>().returns.toEqualTypeOf<Promise<"added" | "already_present">>();
    expectTypeOf<JumpCloudClient["unassignApplication"]>().returns.toEqualTypeOf<Promise<"removed" | "absent">>();
    expectTypeOf<JumpCloudClient["setAdminRoles"]>().returns.toEqualTypeOf<Promise<JumpCloudAdmin>>();
    expectTypeOf<JumpCloudClient["stats"]>().returns.toMatchTypeOf<{
      requests: number;
      retries: number;
      pages: number;
    }>();
    expectTypeOf(fullSync).returns.toEqualTypeOf<Promise<AccessGraph>>();
    expectTypeOf(fullSync).parameter(0).toEqualTypeOf<JumpCloudClient>();
  });
});
