/**
 * Rules for the tests of what detect keeps once its run-wide budget of events kept in full is
 * spent: a medium rule to spend it, a high one that always keeps its events, and a medium
 * value_count correlation over secret reads whose window spans the moment the budget runs out.
 * In this order, so the rules' indexes are MEDIUM 0, HIGH 1, SECRET_READ 2, MANY_SECRETS 3.
 */
export const BUDGET_RULE = { MEDIUM: 0, HIGH: 1, SECRET_READ: 2, MANY_SECRETS: 3 } as const;

/** The rules' YAML; "Many secrets" fires on `distinctSecrets` different secrets read by one principal in a day. */
export const budgetRules = (distinctSecrets: number) => `title: Medium
id: 00000000-0000-4000-8000-000000000001
logsource: { product: aws, service: cloudtrail }
detection: { selection: { eventName: GetParameter }, condition: selection }
level: medium
---
title: High
id: 00000000-0000-4000-8000-000000000002
logsource: { product: aws, service: cloudtrail }
detection: { selection: { eventName: StopLogging }, condition: selection }
level: high
---
title: Secret read
id: 00000000-0000-4000-8000-000000000003
name: secret_read
logsource: { product: aws, service: cloudtrail }
detection: { selection: { eventName: GetSecretValue }, condition: selection }
---
title: Many secrets
id: 00000000-0000-4000-8000-000000000004
correlation: { type: value_count, rules: [secret_read], group-by: [userIdentity.arn], timespan: 1d, condition: { field: requestParameters.secretId, gte: ${distinctSecrets} } }
level: medium
`;
