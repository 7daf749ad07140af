import { z } from 'zod';

/**
 * The settings `.ecs-exec-doctor.yml` may hold. Keys are spelled as the CLI flags are; unknown
 * keys are errors, so a typo (`fail_on`) cannot silently turn off a gate.
 */

export const SuppressionRule = z.strictObject({
  /** A check id or alias, or a prefix ending in `*` (`logging.*`). */
  id: z.string().min(1),
  /** A glob over the finding's resource (ARN, logical id or Terraform address): `*` and `?`. */
  resource: z.string().min(1).default('*'),
  /** Mandatory: a suppression nobody can justify is a hidden failure. */
  reason: z.string().trim().min(1, 'a reason is required'),
  /** The last day (UTC) the suppression applies. */
  expires: z.iso.date({ error: 'expected a calendar date YYYY-MM-DD' }).optional(),
});
export type SuppressionRule = z.infer<typeof SuppressionRule>;

export const SeverityOverride = z.enum(['fail', 'warn', 'info']);
export type SeverityOverride = z.infer<typeof SeverityOverride>;

export const ConfigFile = z
  .strictObject({
    plugins: z.array(z.string().min(1)).default([]),
    'fail-on': z.enum(['fail', 'warn']).optional(),
    suite: z.enum(['readiness', 'audit', 'hardening', 'all']).optional(),
    only: z.array(z.string().min(1)).optional(),
    skip: z.array(z.string().min(1)).optional(),
    'require-exec': z.boolean().optional(),
    suppress: z.array(SuppressionRule).default([]),
    severity: z.record(z.string(), SeverityOverride).default({}),
  })
  .transform(({ 'fail-on': failOn, 'require-exec': requireExec, ...rest }) => ({
    ...rest,
    ...(failOn === undefined ? {} : { failOn }),
    ...(requireExec === undefined ? {} : { requireExec }),
  }));

/** A loaded config file. Keys the file leaves out are absent, so CLI flags and defaults apply. */
export type Config = z.output<typeof ConfigFile> & {
  /** The file it came from, as error messages name it. */
  path: string;
};
