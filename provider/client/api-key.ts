import { JumpCloudError } from "../errors";

/**
 * JumpCloud keys are 40 characters (legacy) or longer (`jca_…`). Anything much shorter is a paste error or a
 * placeholder, and a short value is also a poor secret to redact: refuse it before it is ever sent.
 */
export const MIN_API_KEY_LENGTH = 16;

/**
 * The characters a key is made of: letters, digits and the URL- and base64-safe punctuation. A quote, a space, a
 * line break or a look-alike character means the key was copied wrongly (and a line break would split the header).
 */
const KEY_CHARACTERS = /^[A-Za-z0-9_\-.~+/=]+$/;

const WHERE = "jumpcloud:apiKey, JUMPCLOUD_API_KEY or the key file";

/**
 * Refuses a key that cannot be a JumpCloud key, with a message that never quotes it. Run before the first request,
 * by the configuration and by the client itself.
 */
export function checkApiKey(apiKey: string): string {
  if (typeof apiKey !== "string" || apiKey === "") {
    throw new JumpCloudError("invalid_config", "No JumpCloud API key was given.", {
      hint:
        'Set it with "pulumi config set --secret jumpcloud:apiKey <key>" or the JUMPCLOUD_API_KEY environment ' +
        "variable (create a key in the JumpCloud console under your administrator's API settings).",
    });
  }
  if (/\s/.test(apiKey)) {
    throw new JumpCloudError("invalid_config", "The JumpCloud API key contains whitespace.", {
      hint: `Copy the key again without spaces or line breaks (${WHERE}).`,
    });
  }
  if (!KEY_CHARACTERS.test(apiKey)) {
    throw new JumpCloudError(
      "invalid_config",
      "The JumpCloud API key contains characters a JumpCloud key never has (only letters, digits and _ - . ~ + / = are expected).",
      { hint: `Copy the key again, without quotes or other characters around it (${WHERE}).` },
    );
  }
  if (apiKey.length < MIN_API_KEY_LENGTH) {
    throw new JumpCloudError(
      "invalid_config",
      `The JumpCloud API key is ${apiKey.length} characters long; JumpCloud keys have at least ${MIN_API_KEY_LENGTH}.`,
      { hint: `Copy the whole key (${WHERE}); a placeholder value is not a key.` },
    );
  }
  return apiKey;
}
