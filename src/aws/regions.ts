import { UserError } from '../core/errors.js';
import type { AwsContext } from './context.js';
import { errorCode } from './errors.js';
import { awsSdk } from './sdk-modules.js';

export interface RegionPlan {
  readonly scanned: string[];
  readonly skipped: { region: string; reason: string }[];
  /** Said once on stderr when the list had to be guessed. */
  readonly warning?: string;
}

/** Regions every account has enabled (no opt-in), used when DescribeRegions is denied. */
export const DEFAULT_REGIONS = [
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2',
  'ca-central-1', 'eu-central-1', 'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1',
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
];

/**
 * The regions to scan: every region enabled for the account, or the ones asked for.
 * Opt-in regions that are not enabled are skipped and listed, never scanned (calls there fail).
 */
export async function planRegions(aws: AwsContext, homeRegion: string, asked?: readonly string[]): Promise<RegionPlan> {
  // A region named twice is scanned once: twice would repeat every finding id in it.
  const requested = asked && [...new Set(asked)];
  const { EC2Client, DescribeRegionsCommand } = awsSdk('ec2');
  const ec2 = aws.client('ec2', homeRegion, EC2Client);
  let all: { name: string; status: string }[];
  try {
    const response = await ec2.send(new DescribeRegionsCommand({ AllRegions: true }));
    all = (response.Regions ?? []).map((r) => ({ name: r.RegionName ?? '', status: r.OptInStatus ?? 'opt-in-not-required' }));
  } catch (error) {
    const scanned = requested ? [...requested] : DEFAULT_REGIONS;
    return {
      scanned,
      skipped: [],
      warning: `could not list regions (ec2:DescribeRegions: ${errorCode(error)}); scanning ${requested ? 'the regions asked for' : `the ${scanned.length} regions every account has`}. Grant ec2:DescribeRegions or pass --regions`,
    };
  }
  const enabled = (r: { status: string }) => r.status !== 'not-opted-in';
  if (!requested) {
    return {
      scanned: all.filter(enabled).map((r) => r.name).sort(),
      skipped: all.filter((r) => !enabled(r)).map((r) => ({ region: r.name, reason: 'opt-in region not enabled for this account' })).sort((a, b) => a.region.localeCompare(b.region)),
    };
  }
  const known = new Map(all.map((r) => [r.name, r]));
  const unknown = requested.filter((name) => !known.has(name));
  if (unknown.length) throw new UserError(`unknown region ${unknown.join(', ')}: pass names such as eu-west-1 (see aws ec2 describe-regions --all-regions)`);
  const chosen = requested.map((name) => known.get(name)!);
  return {
    scanned: chosen.filter(enabled).map((r) => r.name),
    skipped: chosen.filter((r) => !enabled(r)).map((r) => ({ region: r.name, reason: 'opt-in region not enabled for this account' })),
  };
}
