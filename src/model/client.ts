import { z } from 'zod';

/** Facts about the machine that runs the tool (live mode only). */
export const ToolVersion = z.object({
  /** Null: not found on PATH. */
  version: z.string().nullable(),
  /** False when the binary is there but does not run (wrong CPU architecture, broken install). */
  runs: z.boolean(),
  output: z.string().optional(),
});
export type ToolVersion = z.infer<typeof ToolVersion>;

export const ClientFacts = z.object({
  awsCli: ToolVersion,
  sessionManagerPlugin: ToolVersion,
  /** The AWS profile in use, if any. */
  profile: z.string().optional(),
  /** Whether that profile signs in with IAM Identity Center (sso_start_url or sso_session). */
  profileUsesSso: z.boolean().optional(),
  /** Node's `process.platform` (linux, darwin, win32): picks the install command to suggest. */
  os: z.string().optional(),
  /** Node's `process.arch` (x64, arm64): the plugin build must match the CPU. */
  arch: z.string().optional(),
});
export type ClientFacts = z.infer<typeof ClientFacts>;
