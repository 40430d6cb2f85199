import { describe, expect, it } from 'vitest';
import { compilePattern, FilterPatternError } from './filter-pattern.js';
import { firstMissed, MONITORED_EVENTS } from './cis-events.js';

const requirement = (id: string) => MONITORED_EVENTS.find((r) => r.id === id)!;
const covers = (id: string, pattern: string) => firstMissed(requirement(id), compilePattern(pattern));

describe('compilePattern', () => {
  const event = { eventName: 'ConsoleLogin', n: 5, flag: true, nothing: null, nested: { list: [{ type: 'AWS::S3::Object' }] }, ip: '10.1.2.3' };
  it.each([
    ['{ $.eventName = "ConsoleLogin" }', true],
    ['{ $.eventName = ConsoleLogin }', true],
    ['{ $.eventName = Console* }', true],
    ['{ $.eventName = "consolelogin" }', false],
    ['{ $.eventName != "ConsoleLogin" }', false],
    ['{ $.missing != "x" }', false],
    ['{ $.n > 4 && $.n <= 5 }', true],
    ['{ $.n < 5 }', false],
    ['{ $.flag IS TRUE }', true],
    ['{ $.nothing IS NULL }', true],
    ['{ $.missing IS NULL }', false],
    ['{ $.missing NOT EXISTS }', true],
    ['{ $.nested.list[0].type = "AWS::S3::*" }', true],
    ['{ ($.eventName = "X") || ($.ip = 10.1.*) }', true],
    ['{ $.eventName = "X" || $.n = 5 && $.flag IS FALSE }', false],
    ['ConsoleLogin', true],
    ['"ConsoleLogin" "10.1.2.3"', true],
    ['DeleteTrail', false],
  ])('%s → %s', (pattern, expected) => expect(compilePattern(pattern)(event)).toBe(expected));

  it.each([
    ['{ $.eventName = "x" ', /expected \}/],
    ['{ eventName = "x" }', /expected a \$\.field selector/],
    ['{ $.eventName ~ "x" }', /unexpected character|expected a comparison/],
    ['{ $.eventName IS MAYBE }', /IS must be followed by NULL, TRUE or FALSE/],
    ['{ $.eventName = }', /expected a value/],
    ['{ $.a = 1 } extra', /after the closing brace/],
  ])('reports the malformed %s', (pattern, message) => {
    expect(() => compilePattern(pattern)).toThrow(FilterPatternError);
    expect(() => compilePattern(pattern)).toThrow(message);
  });
});

describe('coverage of the CIS monitoring events', () => {
  it.each([
    ['the CIS text', 'unauthorized-api-calls', '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }'],
    ['rewritten with an extra condition that holds', 'unauthorized-api-calls', '{ ($.errorCode = *UnauthorizedOperation || $.errorCode = AccessDenied*) && $.eventVersion = * }'],
    ['the CIS MFA text', 'console-login-without-mfa', '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }'],
    ['MFA with a success condition', 'console-login-without-mfa', '{ $.eventName = ConsoleLogin && $.additionalEventData.MFAUsed = "No" && $.responseElements.ConsoleLogin = "Success" }'],
    ['the CIS root text', 'root-account-usage', '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }'],
    ['CloudTrail changes in another order', 'cloudtrail-changes', '{ ($.eventName = StopLogging) || ($.eventName = DeleteTrail) || ($.eventName = UpdateTrail) || ($.eventName = CreateTrail) || ($.eventName = StartLogging) }'],
    ['CloudTrail changes by event source', 'cloudtrail-changes', '{ $.eventSource = "cloudtrail.amazonaws.com" }'],
    ['KMS by source and names', 'cmk-disable-or-deletion', '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }'],
    ['security groups with a wildcard', 'security-group-changes', '{ $.eventName = *SecurityGroup* }'],
  ])('covers: %s', (_name, id, pattern) => expect(covers(id, pattern)).toBeUndefined());

  it.each([
    ['CloudTrail changes without DeleteTrail', 'cloudtrail-changes', '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }', 'DeleteTrail'],
    ['unauthorized calls, AccessDenied only', 'unauthorized-api-calls', '{ $.errorCode = "AccessDenied*" }', 'Client.UnauthorizedOperation'],
    ['MFA with the wrong value', 'console-login-without-mfa', '{ $.eventName = ConsoleLogin && $.additionalEventData.MFAUsed = "Yes" }', 'ConsoleLogin without MFA'],
    ['KMS with the wrong source', 'cmk-disable-or-deletion', '{ $.eventSource = "ec2.amazonaws.com" && $.eventName = DisableKey }', 'DisableKey'],
    ['security groups without egress', 'security-group-changes', '{ $.eventName = AuthorizeSecurityGroupIngress || $.eventName = RevokeSecurityGroupIngress || $.eventName = RevokeSecurityGroupEgress || $.eventName = CreateSecurityGroup || $.eventName = DeleteSecurityGroup }', 'AuthorizeSecurityGroupEgress'],
  ])('misses: %s', (_name, id, pattern, missed) => expect(covers(id, pattern)).toBe(missed));
});
