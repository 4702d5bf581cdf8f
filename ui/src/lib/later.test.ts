import { describe, expect, it, vi } from "vitest";
import { Later } from "./later";

describe("Later", () => {
  it("makes nothing until asked, then once for every caller", async () => {
    const make = vi.fn(() => Promise.resolve({ made: true }));
    const later = new Later(make);
    expect(make).not.toHaveBeenCalled();
    expect(later.now).toBeNull();
    const [a, b] = await Promise.all([later.get(), later.get()]);
    expect(make).toHaveBeenCalledTimes(1);
    expect(a).toBe(b);
    expect(later.now).toBe(a);
    expect(await later.get()).toBe(a);
    expect(make).toHaveBeenCalledTimes(1);
  });

  it("is not made while its maker is still running", async () => {
    let finish: (v: string) => void = () => undefined;
    const later = new Later(() => new Promise<string>((r) => (finish = r)));
    const pending = later.get();
    expect(later.now).toBeNull();
    finish("view");
    expect(await pending).toBe("view");
    expect(later.now).toBe("view");
  });

  it("tries again after a maker that failed", async () => {
    const make = vi.fn().mockRejectedValueOnce(new Error("chunk missing")).mockResolvedValueOnce("second");
    const later = new Later<string>(make);
    await expect(later.get()).rejects.toThrow("chunk missing");
    expect(later.now).toBeNull();
    expect(await later.get()).toBe("second");
    expect(make).toHaveBeenCalledTimes(2);
  });
});
