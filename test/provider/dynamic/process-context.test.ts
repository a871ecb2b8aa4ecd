import { describe, expect, it } from "vitest";
import { settingsFromConfig } from "../../../provider/dynamic/process-context";
import { JumpCloudError } from "../../../provider/errors";

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe("settingsFromConfig", () => {
  it("reads every documented jumpcloud: setting, the list cap and the host opt-in included", () => {
    expect(
      settingsFromConfig(
        config({
          "jumpcloud:apiUrl": "eu",
          "jumpcloud:concurrency": "8",
          "jumpcloud:maxListItems": "5000",
          "jumpcloud:allowNonJumpCloudHost": "true",
        }),
      ),
    ).toEqual({ apiUrl: "eu", concurrency: 8, maxListItems: 5000, allowNonJumpCloudHost: true });
    expect(settingsFromConfig(config({ "jumpcloud:allowNonJumpCloudHost": "false" }))).toEqual({
      allowNonJumpCloudHost: false,
    });
  });

  it("refuses a host opt-in that is not true or false, naming the setting", () => {
    const read = () => settingsFromConfig(config({ "jumpcloud:allowNonJumpCloudHost": "yes please" }));
    expect(read).toThrow(JumpCloudError);
    expect(read).toThrow(/jumpcloud:allowNonJumpCloudHost is "yes please", not true or false/);
  });

  it("refuses a list cap that is not a number", () => {
    expect(() => settingsFromConfig(config({ "jumpcloud:maxListItems": "lots" }))).toThrow(
      /jumpcloud:maxListItems is "lots", not a number/,
    );
  });
});
