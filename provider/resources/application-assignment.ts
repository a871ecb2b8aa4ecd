import { JumpCloudError } from "../errors";
import type { CheckFailure, Props, ResourceKind } from "../dynamic/types";
import { type ApplicationTargetType, applicationAssignmentId } from "../sync/graph";
import { type ResourceContext, orgKey } from "./context";
import { keptNotice } from "./declared-edges";
import type { GraphIndex } from "./graph-index";
import { type AssignmentInputs, assignmentSchema, parseInputs } from "./inputs";
import { anyUnknown, givenKey, inputsOrThrow, must, replaceOn, sameOrg, splitId, withOrg } from "./kind-support";
import { type Resolved, resolveApplication, resolveGroup, resolveUser } from "./resolve";

const TARGET_KEYS = ["userGroupId", "userGroupName", "userId", "userEmail"];

interface Target {
  type: ApplicationTargetType;
  id: string;
  /** Group name or user email, for outputs and messages. */
  label: string;
}

/**
 * `ApplicationAssignment`: an SSO application assigned directly to one user group or one user.
 * Id `<appId>/user_group/<groupId>` or `<appId>/user/<userId>`.
 */
export function applicationAssignmentKind(context: () => ResourceContext): ResourceKind {
  const parse = (props: Props) => parseInputs<AssignmentInputs>(assignmentSchema, props);

  function resolveTarget(index: GraphIndex, inputs: AssignmentInputs): Resolved<Target> {
    if (inputs.userGroupId !== undefined || inputs.userGroupName !== undefined) {
      const group = resolveGroup(
        index,
        { id: inputs.userGroupId, name: inputs.userGroupName },
        { id: "userGroupId", name: "userGroupName" },
      );
      return group.ok
        ? { ok: true, value: { type: "user_group", id: group.value.id, label: group.value.name } }
        : group;
    }
    const user = resolveUser(index, { id: inputs.userId, email: inputs.userEmail });
    return user.ok ? { ok: true, value: { type: "user", id: user.value.id, label: user.value.email } } : user;
  }

  async function resolveAll(ctx: ResourceContext, inputs: AssignmentInputs) {
    const index = await ctx.graph(inputs.orgId);
    const app = resolveApplication(index, { id: inputs.applicationId, name: inputs.applicationName });
    return { index, app, target: resolveTarget(index, inputs) };
  }

  const parentKey = (orgId: string | undefined, appId: string, type: ApplicationTargetType) =>
    `associations/${orgKey(orgId)}/${appId}/${type}`;

  return {
    async check(_olds, news) {
      const parsed = parse(news);
      if (!parsed.ok) return { inputs: news, failures: parsed.failures };
      const inputs = parsed.value;
      if (anyUnknown(inputs)) return { inputs };
      const { app, target } = await resolveAll(context(), inputs);
      const failures: CheckFailure[] = [];
      if (!app.ok) failures.push(app.failure);
      if (!target.ok) failures.push(target.failure);
      return { inputs, failures };
    },

    async diff(_id, olds, news) {
      const inputs = inputsOrThrow(parse(news), "ApplicationAssignment inputs");
      if (!sameOrg(olds.orgId, inputs.orgId)) return replaceOn(["orgId"]);
      const appKey = givenKey(inputs, ["applicationId", "applicationName"]);
      const targetKey = givenKey(inputs, TARGET_KEYS);
      if (anyUnknown(inputs)) {
        const replaces: string[] = [];
        if (anyUnknown({ a: inputs.applicationId, b: inputs.applicationName })) replaces.push(appKey);
        if (anyUnknown({ a: inputs.userGroupId, b: inputs.userGroupName, c: inputs.userId, d: inputs.userEmail })) {
          replaces.push(targetKey);
        }
        return replaceOn(replaces);
      }
      const ctx = context();
      const { app, target } = await resolveAll(ctx, inputs);
      const replaces: string[] = [];
      const appId = must(app).id;
      const resolvedTarget = must(target);
      ctx.declared.record(orgKey(inputs.orgId), [
        applicationAssignmentId(appId, resolvedTarget.type, resolvedTarget.id),
      ]);
      if (appId !== olds.applicationId) replaces.push(appKey);
      if (resolvedTarget.type !== olds.targetType || resolvedTarget.id !== olds.targetId) replaces.push(targetKey);
      return replaceOn(replaces);
    },

    async create(props) {
      const inputs = inputsOrThrow(parse(props), "ApplicationAssignment inputs");
      const ctx = context();
      const resolved = await resolveAll(ctx, inputs);
      const app = must(resolved.app);
      const target = must(resolved.target);
      ctx.declared.record(orgKey(inputs.orgId), [applicationAssignmentId(app.id, target.type, target.id)]);
      const { index } = resolved;
      let adopted = index.hasAssignment(app.id, target.type, target.id);
      if (!adopted) {
        const api = ctx.api(inputs.orgId);
        const outcome = await api.assignApplication(app.id, target.type, target.id);
        index.addAssignment(app.id, target.type, target.id);
        adopted = outcome === "already_present";
        if (outcome === "added") {
          await ctx.visibility.waitFor(
            parentKey(inputs.orgId, app.id, target.type),
            () => api.listApplicationAssociations(app.id, target.type),
            target.id,
            true,
          );
        }
      }
      const outs = {
        applicationId: app.id,
        applicationName: app.label,
        targetType: target.type,
        targetId: target.id,
        targetName: target.label,
        adopted,
      };
      return { id: applicationAssignmentId(app.id, target.type, target.id), outs: withOrg(outs, inputs.orgId) };
    },

    async read(id, props) {
      const [appId = "", type = "", targetId = ""] = splitId(id, 3, "<appId>/<user|user_group>/<targetId>");
      const targetType = type as ApplicationTargetType;
      const index = await context().graph(props.orgId);
      const app = index.applicationsById.get(appId);
      const label = targetType === "user" ? index.usersById.get(targetId)?.email : index.groupsById.get(targetId)?.name;
      if (!app || label === undefined || !index.hasAssignment(appId, targetType, targetId))
        return { id: "", props: {} };
      return {
        id,
        props: { ...props, applicationId: appId, applicationName: app.label, targetType, targetId, targetName: label },
      };
    },

    async delete(id, props) {
      const [appId = "", type = "", targetId = ""] = splitId(id, 3, "<appId>/<user|user_group>/<targetId>");
      const targetType = type as ApplicationTargetType;
      const ctx = context();
      if (ctx.declared.declares(orgKey(props.orgId), applicationAssignmentId(appId, targetType, targetId))) {
        const target = `${targetType === "user" ? "user" : "user group"} "${props.targetName ?? targetId}"`;
        ctx.notify(keptNotice(`application "${props.applicationName ?? appId}" assigned to ${target}`));
        return;
      }
      const api = ctx.api(props.orgId);
      const outcome = await api.unassignApplication(appId, targetType, targetId);
      ctx.loadedGraph(props.orgId)?.removeAssignment(appId, targetType, targetId);
      if (outcome === "absent") {
        if (await api.applicationExists(appId)) return;
        throw new JumpCloudError(
          "not_found",
          `Cannot confirm that application "${props.applicationName ?? appId}" is no longer assigned to ${props.targetName ?? targetId}: JumpCloud has no application ${appId}.`,
          {
            hint:
              "If the application was removed in JumpCloud, its assignments went with it: remove this resource from the stack with " +
              "`pulumi state delete <urn>`. If the key or orgId points at another organization, fix the configuration and run again.",
          },
        );
      }
      await ctx.visibility.waitFor(
        parentKey(props.orgId, appId, targetType),
        () => api.listApplicationAssociations(appId, targetType),
        targetId,
        false,
      );
    },
  };
}
