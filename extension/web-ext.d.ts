// The part of web-ext's programmatic API that build.mjs uses (web-ext ships no types).
declare module "web-ext" {
  export const cmd: {
    build(
      params: { sourceDir: string; artifactsDir: string; filename?: string; overwriteDest?: boolean },
      options?: { shouldExitProgram?: boolean; showReadyMessage?: boolean },
    ): Promise<{ extensionPath: string }>;
  };
}
