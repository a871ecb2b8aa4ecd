import { z } from "zod";
import { type ApplicationTargetType, applicationAssignmentId } from "../sync/graph";
import { type ResourceContext, orgKey } from "./context";
import {
  adoptOrAdd,
  type EdgeSpec,
  edgeKind,
  type ParentListing,
  parentGone,
  removeEdge,
  splitId,
  withOrg,
} from "./edge-kind";
import { exactlyOne, givenKey, groupFields, known, objectId, orgId, parseInputs, text, userFields } from "./inputs";
import type { OrgIndex } from "./org-index";
import { type Resolved, resolveApplication, resolveGroup, resolveUser } from "./resolve";
import type { Props, ResourceKind } from "./resource-kind";

/** The inputs, validated; the type every method works with comes from this schema. */
export const applicationAssignmentInputs = z
  .object({
    applicationId: known(objectId("application")).optional(),
    applicationName: known(text("application name")).optional(),
    userGroupId: groupFields.groupId,
    userGroupName: groupFields.groupName,
    ...userFields,
    orgId,
  })
  .superRefine((props, ctx) => {
    exactlyOne(props, ["applicationId", "applicationName"], ctx, "application");
    exactlyOne(props, ["userGroupId", "userGroupName", "userId", "userEmail"], ctx, "user group or user to assign");
  });
export type ApplicationAssignmentInputs = z.output<typeof applicationAssignmentInputs>;

/** What the engine stores besides the inputs; the SDK class declares these outputs from this schema. */
export const applicationAssignmentOutputs = z.object({
  applicationId: z.string(),
  applicationName: z.string(),
  targetType: z.enum(["user", "user_group"]),
  targetId: z.string(),
  targetName: z.string(),
  adopted: z.boolean(),
  orgId: z.string().optional(),
});
export type ApplicationAssignmentOutputs = z.output<typeof applicationAssignmentOutputs>;

interface Target {
  type: ApplicationTargetType;
  id: string;
  /** Group name or user email, for outputs and messages. */
  label: string;
}

function resolveTarget(index: OrgIndex, inputs: ApplicationAssignmentInputs): Resolved<Target> {
  if (inputs.userGroupId !== undefined || inputs.userGroupName !== undefined) {
    const group = resolveGroup(
      index,
      { id: inputs.userGroupId, name: inputs.userGroupName },
      { id: "userGroupId", name: "userGroupName" },
    );
    return group.ok ? { ok: true, value: { type: "user_group", id: group.value.id, label: group.value.name } } : group;
  }
  const user = resolveUser(index, { id: inputs.userId, email: inputs.userEmail });
  return user.ok ? { ok: true, value: { type: "user", id: user.value.id, label: user.value.email } } : user;
}

const resolveEnds = (index: OrgIndex, inputs: ApplicationAssignmentInputs) => ({
  app: resolveApplication(index, { id: inputs.applicationId, name: inputs.applicationName }),
  target: resolveTarget(index, inputs),
});

const edge: EdgeSpec<ApplicationAssignmentInputs, ReturnType<typeof resolveEnds>> = {
  name: "ApplicationAssignment",
  parse: (props) => parseInputs(applicationAssignmentInputs, props),
  ends: [
    ["applicationId", "applicationName"],
    ["userGroupId", "userGroupName", "userId", "userEmail"],
  ],
  resolve: resolveEnds,
  grantId: ({ app, target }) => applicationAssignmentId(app.id, target.type, target.id),
  moved: ({ app, target }, olds) => [
    app.id !== olds.applicationId,
    target.type !== olds.targetType || target.id !== olds.targetId,
  ],
  // Claimed so an exclusive ApplicationAssignments on the same application is refused, whichever is checked first.
  checkMore(ctx, inputs, { app, target }, index) {
    if (!app.ok) return [];
    const fingerprint = `assignment:${target.ok ? `${target.value.type}/${target.value.id}` : JSON.stringify(inputs)}`;
    const conflict = ctx.applicationClaims.claim(index.org, app.value.id, app.value.label, "assignment", fingerprint);
    return conflict ? [{ property: givenKey(inputs, ["applicationId", "applicationName"]), reason: conflict }] : [];
  },
};

const associationsListing = (
  ctx: ResourceContext,
  orgId: string | undefined,
  appId: string,
  type: ApplicationTargetType,
  targetId: string,
) =>
  ({
    key: `associations/${orgKey(orgId)}/${appId}/${type}`,
    list: () => ctx.api(orgId).listApplicationAssociations(appId, type),
    childId: targetId,
  }) satisfies ParentListing;

/**
 * `ApplicationAssignment`: an SSO application assigned directly to one user group or one user.
 * Id `<appId>/user_group/<groupId>` or `<appId>/user/<userId>`.
 */
export function applicationAssignmentKind(context: () => ResourceContext): ResourceKind {
  return edgeKind(edge, context, {
    async create(ctx, inputs, { index, ends: { app, target } }) {
      const api = ctx.api(inputs.orgId);
      const adopted = await adoptOrAdd(ctx, associationsListing(ctx, inputs.orgId, app.id, target.type, target.id), {
        present: index.hasAssignment(app.id, target.type, target.id),
        what: `application "${app.label}" assigned to ${targetLabel(target.type, target.label)}`,
        add: () => api.assignApplication(app.id, target.type, target.id),
        patchGraph: () => index.addAssignment(app.id, target.type, target.id),
      });
      const outs: ApplicationAssignmentOutputs = {
        applicationId: app.id,
        applicationName: app.label,
        targetType: target.type,
        targetId: target.id,
        targetName: target.label,
        adopted,
      };
      return { id: applicationAssignmentId(app.id, target.type, target.id), outs: withOrg(outs, inputs.orgId) };
    },

    async read(ctx, id, props) {
      const { appId, targetType, targetId } = parts(id);
      const index = await ctx.graph(props.orgId);
      const app = index.applicationsById.get(appId);
      const label = targetType === "user" ? index.usersById.get(targetId)?.email : index.groupsById.get(targetId)?.name;
      if (!app || label === undefined || !index.hasAssignment(appId, targetType, targetId))
        return { id: "", props: {} };
      return {
        id,
        props: { ...props, applicationId: appId, applicationName: app.label, targetType, targetId, targetName: label },
      };
    },

    deleting(id, props) {
      const { appId, targetType, targetId } = parts(id);
      return { grantId: applicationAssignmentId(appId, targetType, targetId), what: assigned(props, id) };
    },

    async remove(ctx, id, props) {
      const { appId, targetType, targetId } = parts(id);
      const api = ctx.api(props.orgId);
      await removeEdge(ctx, associationsListing(ctx, props.orgId, appId, targetType, targetId), {
        what: assigned(props, id),
        remove: () => api.unassignApplication(appId, targetType, targetId),
        patchGraph: () => ctx.loadedGraph(props.orgId)?.removeAssignment(appId, targetType, targetId),
        parentExists: () => api.applicationExists(appId),
        gone: () =>
          parentGone(
            `Cannot confirm that application "${props.applicationName ?? appId}" is no longer assigned to ${props.targetName ?? targetId}: JumpCloud has no application ${appId}.`,
            "the application was removed in JumpCloud",
            "assignments",
          ),
      });
    },
  });
}

const targetLabel = (type: ApplicationTargetType, name: string) =>
  `${type === "user" ? "user" : "user group"} "${name}"`;

/** How messages name a stored assignment. */
function assigned(props: Props, id: string): string {
  const { appId, targetType, targetId } = parts(id);
  const target = targetLabel(targetType, String(props.targetName ?? targetId));
  return `application "${props.applicationName ?? appId}" assigned to ${target}`;
}

/** The parts of an id `<appId>/<user|user_group>/<targetId>` (the middle part is checked by `splitId`). */
function parts(id: string): { appId: string; targetType: ApplicationTargetType; targetId: string } {
  const [appId = "", type = "", targetId = ""] = splitId(id, 3, "<appId>/<user|user_group>/<targetId>");
  return { appId, targetType: type as ApplicationTargetType, targetId };
}
