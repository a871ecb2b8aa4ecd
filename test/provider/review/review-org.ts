import type { OrgSpec } from "../../../emulator/types";

/** A small org for the review command and the AccessGraph resource, served by the emulator. */
export const reviewOrg: OrgSpec = {
  name: "Review Corp",
  users: [
    { email: "alice@review.example", firstname: "Alice", lastname: "Adams", department: "Engineering" },
    { email: "bob@review.example", firstname: "Bob", lastname: "Brown", state: "SUSPENDED" },
    { email: "carol@review.example", firstname: "Carol", lastname: "Clark" },
    { email: "dan@review.example", firstname: "Dan", lastname: "Dunn" },
  ],
  groups: [
    { name: "engineering", members: ["alice@review.example", "bob@review.example"] },
    { name: "sales", members: [] },
  ],
  applications: [
    { name: "slack", label: "Slack", groups: ["engineering"], users: ["alice@review.example", "carol@review.example"] },
    { name: "github", label: "GitHub", groups: [] },
  ],
  admins: [
    { email: "Alice@Review.example", roles: ["Administrator", "Help Desk"] },
    { email: "root@review.example", roles: ["Read Only"] },
  ],
};
