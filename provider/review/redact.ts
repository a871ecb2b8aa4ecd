import { createHash } from "node:crypto";
import type { AccessGraph } from "../sync/graph";

/**
 * Email redaction for outputs that are shared more widely than the org itself (stack outputs, PR comments).
 *
 * An email becomes `user-<8 hex>@<domain>`: the hex is a hash of the lower-cased address, so the same person keeps
 * the same pseudonym in every output and across syncs (a `--since` diff still lines up), and the user and admin
 * accounts of one person still visibly match. The domain is kept because reviewers need to spot outside addresses.
 * This is pseudonymisation, not anonymisation: someone who already holds a list of addresses can hash them and match.
 */
export function redactEmail(email: string): string {
  const at = email.lastIndexOf("@");
  const domain = at >= 0 ? email.slice(at + 1).toLowerCase() : "";
  const hex = createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 8);
  return domain ? `user-${hex}@${domain}` : `user-${hex}`;
}

/**
 * A copy of the graph with every email redacted. Usernames are redacted too when they are the email or its local
 * part (JumpCloud's default), since they would give the address back. Display names are kept: a review without
 * names cannot be reviewed, and names are not addresses.
 */
export function redactGraph(graph: AccessGraph): AccessGraph {
  return {
    ...graph,
    users: graph.users.map((user) => ({
      ...user,
      email: redactEmail(user.email),
      username: revealsEmail(user.username, user.email) ? localPart(redactEmail(user.email)) : user.username,
    })),
    admins: graph.admins.map((admin) => ({ ...admin, email: redactEmail(admin.email) })),
  };
}

function localPart(email: string): string {
  const at = email.lastIndexOf("@");
  return at >= 0 ? email.slice(0, at) : email;
}

function revealsEmail(username: string, email: string): boolean {
  const name = username.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  return name.includes("@") || name === address || name === localPart(address);
}
