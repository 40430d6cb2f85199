/**
 * The token rules: one entry per provider format. Each pattern is built to run in linear time on
 * hostile input: it starts on a literal, every quantifier is bounded, and a look-behind on the
 * token's own alphabet lets only the first character of a run start a match, so a megabyte of
 * `eyJeyJ…` or `ghp_ghp_…` is read once, not once per position.
 */
export type SecretSeverity = 'critical' | 'high' | 'medium';

export interface TokenRule {
  readonly id: string;
  readonly type: string;
  readonly severity: SecretSeverity;
  /** Literals one of which every match contains: the rule's regex runs only on text that has one. */
  readonly keywords: readonly string[];
  /** Group 1 is the secret. */
  readonly pattern: RegExp;
  /** Minimum Shannon entropy (bits per character) of the secret, to drop `ghp_xxxxxxxx…` placeholders. */
  readonly minEntropy?: number;
}

export const TOKEN_RULES: readonly TokenRule[] = [
  { id: 'github-token', type: 'GitHub token', severity: 'critical', keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], pattern: /(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36,251})(?![A-Za-z0-9_])/g, minEntropy: 3 },
  { id: 'github-fine-grained-token', type: 'GitHub fine-grained token', severity: 'critical', keywords: ['github_pat_'], pattern: /(?<![A-Za-z0-9_])(github_pat_[A-Za-z0-9_]{60,244})(?![A-Za-z0-9_])/g, minEntropy: 3 },
  { id: 'gitlab-token', type: 'GitLab token', severity: 'critical', keywords: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glcbt-', 'glft-', 'glsoat-', 'glagent-'], pattern: /(?<![A-Za-z0-9_-])(gl(?:pat|dt|rt|ptt|cbt|ft|soat|agent)-[A-Za-z0-9_-]{20,255})(?![A-Za-z0-9_-])/g, minEntropy: 3 },
  { id: 'slack-token', type: 'Slack token', severity: 'high', keywords: ['xoxa-', 'xoxb-', 'xoxe-', 'xoxo-', 'xoxp-', 'xoxr-', 'xoxs-'], pattern: /(?<![A-Za-z0-9-])(xox[abeoprs]-(?:[0-9]{6,20}-){1,3}[A-Za-z0-9-]{10,250})(?![A-Za-z0-9-])/g, minEntropy: 3 },
  { id: 'slack-webhook', type: 'Slack webhook', severity: 'high', keywords: ['hooks.slack.com'], pattern: /(https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{6,20}\/[A-Z0-9]{6,20}\/[A-Za-z0-9]{16,64})(?![A-Za-z0-9])/g },
  { id: 'stripe-live-key', type: 'Stripe live key', severity: 'critical', keywords: ['_live_'], pattern: /(?<![A-Za-z0-9_])((?:sk|rk)_live_[A-Za-z0-9]{20,247})(?![A-Za-z0-9_])/g, minEntropy: 3 },
  { id: 'google-api-key', type: 'Google API key', severity: 'high', keywords: ['AIza'], pattern: /(?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/g, minEntropy: 3 },
  { id: 'google-oauth-client-secret', type: 'Google OAuth client secret', severity: 'high', keywords: ['GOCSPX-'], pattern: /(?<![A-Za-z0-9_-])(GOCSPX-[A-Za-z0-9_-]{28})(?![A-Za-z0-9_-])/g, minEntropy: 3 },
  { id: 'npm-token', type: 'npm token', severity: 'critical', keywords: ['npm_'], pattern: /(?<![A-Za-z0-9_])(npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/g, minEntropy: 3 },
  { id: 'pypi-token', type: 'PyPI token', severity: 'critical', keywords: ['pypi-AgE'], pattern: /(?<![A-Za-z0-9_-])(pypi-AgE[A-Za-z0-9_-]{50,400})(?![A-Za-z0-9_-])/g },
  { id: 'sendgrid-key', type: 'SendGrid key', severity: 'high', keywords: ['SG.'], pattern: /(?<![A-Za-z0-9_.-])(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g },
  { id: 'openai-key', type: 'OpenAI key', severity: 'high', keywords: ['sk-'], pattern: /(?<![A-Za-z0-9_-])(sk-(?:proj-)?[A-Za-z0-9_-]{40,200})(?![A-Za-z0-9_-])/g, minEntropy: 3.5 },
  // Header, payload and a signature: an unsigned (alg none) token proves nothing and signs nothing.
  { id: 'jwt', type: 'JSON web token', severity: 'medium', keywords: ['eyJ'], pattern: /(?<![A-Za-z0-9_.-])(eyJ[A-Za-z0-9_-]{10,2000}\.eyJ[A-Za-z0-9_-]{2,8000}\.[A-Za-z0-9_-]{16,1000})(?![A-Za-z0-9_.-])/g },
];
