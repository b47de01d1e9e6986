import { describe, expect, it } from "vitest";
import { minPasswordLength } from "@conveyor/contracts";
import { generatePassword, type RandomSource } from "./generate-password";

describe("generatePassword", () => {
  it("is long enough for the server and avoids look-alike characters", () => {
    const password = generatePassword();
    expect(password.length).toBeGreaterThanOrEqual(minPasswordLength);
    expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]+$/);
  });

  it("skips values that would bias the choice", () => {
    let call = 0;
    const random: RandomSource = (buffer) => {
      call++;
      buffer.fill(call === 1 ? 0xffffffff : 0);
      return buffer;
    };
    expect(generatePassword(4, random)).toBe("aaaa");
    expect(call).toBe(2);
  });
});
