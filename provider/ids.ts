/** A JumpCloud object id (user, group, application, admin, role, organization): 24 hexadecimal characters. */
export const JUMPCLOUD_ID = /^[0-9a-f]{24}$/i;

export const isJumpCloudId = (value: string): boolean => JUMPCLOUD_ID.test(value);
