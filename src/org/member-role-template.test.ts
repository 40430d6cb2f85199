import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CHECKS } from '../checks/index.js';
import { scanPolicy } from '../core/metadata.js';
import { memberRoleTemplate } from './member-role-template.js';

describe('member role StackSet template', () => {
  const template = parse(memberRoleTemplate(CHECKS)) as { Resources: { BulwarkMemberRole: { Properties: unknown } } };
  const role = template.Resources.BulwarkMemberRole.Properties as { AssumeRolePolicyDocument: { Statement: { Condition: unknown; Principal: unknown }[] }; Policies: { PolicyDocument: unknown }[] };

  it('grants exactly the generated scan policy', async () => {
    expect(role.Policies[0]!.PolicyDocument).toEqual(scanPolicy(CHECKS));
    expect(role.Policies[0]!.PolicyDocument).toEqual(JSON.parse(await readFile('docs/permissions/scan-policy.json', 'utf8')));
  });

  it('trusts only the scanner account, and only with the external id', () => {
    const [statement] = role.AssumeRolePolicyDocument.Statement;
    expect(statement!.Principal).toEqual({ AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${ScannerAccountId}:root' } });
    expect(statement!.Condition).toEqual({ StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } });
  });

  it('allows the Security Hub import only when asked, and only into the member\'s own product', () => {
    const t = template as unknown as { Parameters: Record<string, { Default?: string }>; Conditions: Record<string, unknown> };
    expect(t.Parameters.SecurityHubImport!.Default).toBe('false');
    expect(t.Conditions.ImportsToSecurityHub).toEqual({ 'Fn::Equals': [{ Ref: 'SecurityHubImport' }, 'true'] });
    const optional = role.Policies[1] as unknown as { 'Fn::If': [string, { PolicyDocument: { Statement: { Action: string; Resource: unknown }[] } }, unknown] };
    const [condition, granted, otherwise] = optional['Fn::If'];
    expect(condition).toBe('ImportsToSecurityHub');
    expect(otherwise).toEqual({ Ref: 'AWS::NoValue' });
    expect(granted.PolicyDocument.Statement).toEqual([{ Effect: 'Allow', Action: 'securityhub:BatchImportFindings', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:securityhub:*:${AWS::AccountId}:product/${AWS::AccountId}/default' } }]);
    // The read-only scan policy itself never grants it.
    expect(JSON.stringify(role.Policies[0])).not.toContain('securityhub:BatchImportFindings');
  });

  it('is the committed file', async () => {
    expect(await readFile('docs/permissions/member-role.stackset.yaml', 'utf8')).toBe(memberRoleTemplate(CHECKS));
  });
});
