/** The compliance views `--compliance` accepts: the checklist itself, and the frameworks mapped onto it. */
export const FRAMEWORK_IDS = ['checklist', 'cis-7.0'] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];
