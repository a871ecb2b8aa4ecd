/** Text the reports print so that they answer the usual questions about JumpCloud accounts themselves. */
export const ADMIN_ACCOUNTS_EXPLANATION = [
  "JumpCloud keeps administrators and users apart. A user account (a system user) is what a person signs in to " +
    "applications with; it carries the profile: department, job title, manager. An administrator account is a " +
    "separate login to the admin console that holds roles; JumpCloud stores no profile attributes on it, so this " +
    "report shows none for admins. That is by design of JumpCloud, not data missing from the sync.",
  "A person who is both has two accounts. The only link JumpCloud records between them is the email address, so " +
    "this report links an admin account to the user account with the same email (compared case-insensitively) and " +
    "shows both. An admin account with no such user is admin-only: nobody's user profile vouches for it, and it is " +
    "worth a look. Look at the user account for the person's department and manager.",
];

export const SUSPENDED_EXPLANATION =
  "JumpCloud refuses the sign-in of a suspended or locked user, but keeps their group memberships and application " +
  "assignments: reactivating the account restores all of it at once. Remove the grants if the person should not " +
  "get them back.";

export const UNMANAGED_EXPLANATION =
  "Grants present in JumpCloud that no resource of the stack declares: access given outside code (in the console, " +
  "by a script, or by another tool). Adopt each one into code or remove it.";
