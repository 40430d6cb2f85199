import type { Ec2SecurityGroupRule } from '../inventory/schema.js';

export const WORLD_CIDRS = new Set(['0.0.0.0/0', '::/0']);

const PROTOCOL_NAMES: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

/** `tcp`, `udp`, `all`, …: EC2 may report a protocol by name or by number. */
export function protocolOf(rule: Ec2SecurityGroupRule): string {
  if (rule.protocol === '-1') return 'all';
  return PROTOCOL_NAMES[rule.protocol] ?? rule.protocol.toLowerCase();
}

/** The internet-wide sources (0.0.0.0/0, ::/0) a rule lets in. */
export function worldSources(rule: Ec2SecurityGroupRule): string[] {
  return [...rule.ipv4Ranges, ...rule.ipv6Ranges].filter((cidr) => WORLD_CIDRS.has(cidr));
}

/** Whether a rule lets traffic to `port` over `protocol` through (an all-protocols rule lets everything). */
export function allowsPort(rule: Ec2SecurityGroupRule, protocol: 'tcp' | 'udp', port: number): boolean {
  const ruleProtocol = protocolOf(rule);
  if (ruleProtocol === 'all') return true;
  if (ruleProtocol !== protocol) return false;
  // tcp/udp rules without ports do not exist in EC2; treat a missing bound as open to be safe.
  return (rule.fromPort ?? 0) <= port && port <= (rule.toPort ?? 65535);
}

/** All ports of tcp or udp, or all protocols. */
export function allowsEveryPort(rule: Ec2SecurityGroupRule): boolean {
  const protocol = protocolOf(rule);
  if (protocol === 'all') return true;
  return (protocol === 'tcp' || protocol === 'udp') && (rule.fromPort ?? 0) <= 0 && (rule.toPort ?? 65535) >= 65535;
}

export function describePorts(rule: Ec2SecurityGroupRule): string {
  const protocol = protocolOf(rule);
  if (protocol === 'all') return 'all traffic';
  if (rule.fromPort === undefined || rule.fromPort === rule.toPort) return `${rule.fromPort ?? 'any'}/${protocol}`;
  return `${rule.fromPort}-${rule.toPort}/${protocol}`;
}
