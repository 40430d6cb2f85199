/**
 * Stateful EC2 compute and storage for the local AWS look-alike, with creation dates: instances
 * (stop, start, change of security groups), volumes, snapshots and AMIs with their sharing
 * (describe and modify the attribute), spot requests, launch templates and key pairs. Instances
 * and snapshots come in pages when MaxResults asks for them. Answers only when `ec2Resources` is seeded.
 */
import { createHash } from 'node:crypto';
import { ec2Error, ec2Result, type FakeResponse } from '../../fake-aws.js';
import { members, xmlEscape } from '../params.js';
import type { StatefulService, World } from '../world.js';

export interface InstanceState {
  id: string;
  type: string;
  state: 'pending' | 'running' | 'stopping' | 'stopped';
  /** LaunchTime: moves on every start. */
  launched: string;
  vpcId: string;
  groups: string[];
  /** The first is the root volume. */
  volumes: string[];
  publicIp?: string;
  keyName?: string;
  spotRequestId?: string;
}

export interface VolumeState {
  id: string;
  size: number;
  created: string;
  instanceId?: string;
  device?: string;
  /** When it was attached (the root volume: the instance's first launch). */
  attached?: string;
}

export interface SharingState {
  public: boolean;
  /** Account ids it is shared with. */
  sharedWith: string[];
}

export interface SnapshotState extends SharingState {
  id: string;
  volumeId: string;
  size: number;
  started: string;
  description?: string;
}

export interface ImageState extends SharingState {
  id: string;
  name: string;
  created: string;
  snapshotIds: string[];
}

export interface Ec2RegionState {
  instances: InstanceState[];
  volumes: VolumeState[];
  snapshots: SnapshotState[];
  images: ImageState[];
  spotRequests: { id: string; created: string; state: string; instanceId?: string }[];
  launchTemplates: { id: string; name: string; created: string; createdBy: string }[];
  keyPairs: { id: string; name: string; created: string }[];
}

export interface Ec2ResourcesSeed {
  /** By region; missing lists are empty. */
  readonly regions: Readonly<Record<string, Partial<Ec2RegionState>>>;
}

interface Ec2ResourcesState {
  owner: string;
  regions: Record<string, Ec2RegionState>;
  made: number;
}

const empty = (): Ec2RegionState => ({ instances: [], volumes: [], snapshots: [], images: [], spotRequests: [], launchTemplates: [], keyPairs: [] });

export function ec2ResourcesState(world: World): Ec2ResourcesState | undefined {
  return world.section('ec2Resources', (seed) => {
    if (!seed) return undefined;
    const regions = Object.fromEntries(Object.entries((seed as Ec2ResourcesSeed).regions).map(([region, r]) => [region, { ...empty(), ...structuredClone(r) }]));
    return { owner: world.account, regions, made: 0 };
  });
}

const STATE_CODE: Record<InstanceState['state'], number> = { pending: 0, running: 16, stopping: 64, stopped: 80 };
const listed = (params: URLSearchParams, prefix: string) => [...params].filter(([k]) => new RegExp(`^${prefix}\\.\\d+$`).test(k)).map(([, v]) => v);
const filterValues = (params: URLSearchParams, name: string) => {
  const filter = members(params, 'Filter').find((f) => f.get('Name') === name);
  return filter ? [...filter].filter(([k]) => /^Value\.\d+$/.test(k)).map(([, v]) => v) : undefined;
};

/** A page of `items` from NextToken (an offset) for MaxResults, with the token of the next. */
function page<T>(items: readonly T[], params: URLSearchParams): { items: readonly T[]; next: string } {
  const max = Number(params.get('MaxResults')) || items.length || 1;
  const from = Number(params.get('NextToken') ?? 0);
  const slice = items.slice(from, from + max);
  return { items: slice, next: from + max < items.length ? `<nextToken>${from + max}</nextToken>` : '' };
}

function instanceXml(i: InstanceState, volumes: readonly VolumeState[]): string {
  const groups = i.groups.map((g) => `<item><groupId>${g}</groupId><groupName>${g}</groupName></item>`).join('');
  const devices = i.volumes
    .map((id, n) => {
      const v = volumes.find((x) => x.id === id);
      return `<item><deviceName>${v?.device ?? (n === 0 ? '/dev/xvda' : `/dev/sd${String.fromCharCode(102 + n)}`)}</deviceName><ebs><volumeId>${id}</volumeId><status>attached</status><attachTime>${v?.attached ?? i.launched}</attachTime><deleteOnTermination>true</deleteOnTermination></ebs></item>`;
    })
    .join('');
  return `<item><instanceId>${i.id}</instanceId><imageId>ami-0base</imageId><instanceState><code>${STATE_CODE[i.state]}</code><name>${i.state}</name></instanceState><instanceType>${i.type}</instanceType><launchTime>${i.launched}</launchTime><vpcId>${i.vpcId}</vpcId><groupSet>${groups}</groupSet><rootDeviceName>/dev/xvda</rootDeviceName><blockDeviceMapping>${devices}</blockDeviceMapping>${i.publicIp ? `<ipAddress>${i.publicIp}</ipAddress>` : ''}${i.keyName ? `<keyName>${xmlEscape(i.keyName)}</keyName>` : ''}${i.spotRequestId ? `<spotInstanceRequestId>${i.spotRequestId}</spotInstanceRequestId><instanceLifecycle>spot</instanceLifecycle>` : ''}</item>`;
}

const sharingXml = (s: SharingState) => [...(s.public ? ['<item><group>all</group></item>'] : []), ...s.sharedWith.map((u) => `<item><userId>${u}</userId></item>`)].join('');

/** The add/remove of a sharing attribute, in both forms the API takes (the structure, or OperationType with lists). */
function changeSharing(target: SharingState, params: URLSearchParams, structure: string): void {
  for (const [verb, add] of [['Add', true], ['Remove', false]] as const) {
    for (const p of members(params, `${structure}.${verb}`)) apply(target, add, p.get('Group') ?? undefined, p.get('UserId') ?? undefined);
  }
  const op = params.get('OperationType');
  if (op === 'add' || op === 'remove') {
    for (const g of listed(params, 'UserGroup')) apply(target, op === 'add', g, undefined);
    for (const u of listed(params, 'UserId')) apply(target, op === 'add', undefined, u);
  }
}

function apply(target: SharingState, add: boolean, group: string | undefined, user: string | undefined): void {
  if (group === 'all') target.public = add;
  if (user) target.sharedWith = add ? [...new Set([...target.sharedWith, user])] : target.sharedWith.filter((u) => u !== user);
}

function handle(state: Ec2ResourcesState, region: string, op: string, params: URLSearchParams, world: World): FakeResponse | undefined {
  const r = (state.regions[region] ??= empty());
  const newId = (prefix: string) => `${prefix}-${createHash('sha256').update(`${region}|${prefix}|${++state.made}`).digest('hex').slice(0, 17)}`;
  const record = () => world.record(`ec2:${op}`, Object.fromEntries(params));
  switch (op) {
    case 'DescribeInstances': {
      const ids = listed(params, 'InstanceId');
      const states = filterValues(params, 'instance-state-name');
      const chosen = r.instances.filter((i) => (!ids.length || ids.includes(i.id)) && (!states || states.includes(i.state)));
      const { items, next } = page(chosen, params);
      const reservations = items.map((i) => `<item><reservationId>r-${i.id.slice(2)}</reservationId><ownerId>${state.owner}</ownerId><groupSet/><instancesSet>${instanceXml(i, r.volumes)}</instancesSet></item>`).join('');
      return ec2Result(op, `<reservationSet>${reservations}</reservationSet>${next}`);
    }
    case 'StopInstances':
    case 'StartInstances': {
      const ids = listed(params, 'InstanceId');
      const found = ids.map((id) => r.instances.find((i) => i.id === id));
      if (found.some((i) => !i)) return ec2Error(400, 'InvalidInstanceID.NotFound', `The instance IDs '${ids.join(', ')}' do not exist`);
      const to = op === 'StopInstances' ? 'stopped' : 'running';
      const items = found.map((i) => {
        const previous = i!.state;
        i!.state = to;
        if (to === 'running' && previous !== 'running') i!.launched = new Date().toISOString().replace(/\.\d+Z$/, '.000Z');
        return `<item><instanceId>${i!.id}</instanceId><currentState><code>${STATE_CODE[to]}</code><name>${to}</name></currentState><previousState><code>${STATE_CODE[previous]}</code><name>${previous}</name></previousState></item>`;
      });
      record();
      return ec2Result(op, `<instancesSet>${items.join('')}</instancesSet>`);
    }
    case 'ModifyInstanceAttribute': {
      const instance = r.instances.find((i) => i.id === params.get('InstanceId'));
      if (!instance) return ec2Error(400, 'InvalidInstanceID.NotFound', `The instance ID '${params.get('InstanceId') ?? ''}' does not exist`);
      const groups = listed(params, 'GroupId');
      if (!groups.length) return ec2Error(400, 'InvalidParameterCombination', 'the look-alike changes only the security groups of an instance');
      instance.groups = groups;
      record();
      return ec2Result(op, '<return>true</return>');
    }
    case 'DescribeVolumes': {
      const ids = listed(params, 'VolumeId');
      const byInstance = filterValues(params, 'attachment.instance-id');
      const chosen = r.volumes.filter((v) => (!ids.length || ids.includes(v.id)) && (!byInstance || (v.instanceId !== undefined && byInstance.includes(v.instanceId))));
      const items = chosen
        .map((v) => `<item><volumeId>${v.id}</volumeId><size>${v.size}</size><availabilityZone>${region}a</availabilityZone><status>${v.instanceId ? 'in-use' : 'available'}</status><createTime>${v.created}</createTime><attachmentSet>${v.instanceId ? `<item><volumeId>${v.id}</volumeId><instanceId>${v.instanceId}</instanceId><device>${v.device ?? '/dev/xvda'}</device><status>attached</status><attachTime>${v.attached ?? v.created}</attachTime><deleteOnTermination>true</deleteOnTermination></item>` : ''}</attachmentSet><volumeType>gp3</volumeType><encrypted>false</encrypted></item>`)
        .join('');
      return ec2Result(op, `<volumeSet>${items}</volumeSet>`);
    }
    case 'CreateSnapshot': {
      const volume = r.volumes.find((v) => v.id === params.get('VolumeId'));
      if (!volume) return ec2Error(400, 'InvalidVolume.NotFound', `The volume '${params.get('VolumeId') ?? ''}' does not exist.`);
      const description = params.get('Description') ?? '';
      const snapshot: SnapshotState = { id: newId('snap'), volumeId: volume.id, size: volume.size, started: new Date().toISOString(), description, public: false, sharedWith: [] };
      r.snapshots.push(snapshot);
      record();
      return ec2Result(op, `<snapshotId>${snapshot.id}</snapshotId><volumeId>${volume.id}</volumeId><status>completed</status><startTime>${snapshot.started}</startTime><progress>100%</progress><ownerId>${state.owner}</ownerId><volumeSize>${volume.size}</volumeSize><description>${xmlEscape(description)}</description><encrypted>false</encrypted>`);
    }
    case 'DescribeSnapshots': {
      const ids = listed(params, 'SnapshotId');
      const { items, next } = page(r.snapshots.filter((s) => !ids.length || ids.includes(s.id)), params);
      const xml = items.map((s) => `<item><snapshotId>${s.id}</snapshotId><volumeId>${s.volumeId}</volumeId><status>completed</status><startTime>${s.started}</startTime><progress>100%</progress><ownerId>${state.owner}</ownerId><volumeSize>${s.size}</volumeSize><description>${xmlEscape(s.description ?? '')}</description><encrypted>false</encrypted></item>`).join('');
      return ec2Result(op, `<snapshotSet>${xml}</snapshotSet>${next}`);
    }
    case 'DescribeSnapshotAttribute':
    case 'ModifySnapshotAttribute': {
      const snapshot = r.snapshots.find((s) => s.id === params.get('SnapshotId'));
      if (!snapshot) return ec2Error(400, 'InvalidSnapshot.NotFound', `The snapshot '${params.get('SnapshotId') ?? ''}' does not exist.`);
      if (op === 'DescribeSnapshotAttribute') return ec2Result(op, `<snapshotId>${snapshot.id}</snapshotId><createVolumePermission>${sharingXml(snapshot)}</createVolumePermission>`);
      changeSharing(snapshot, params, 'CreateVolumePermission');
      record();
      return ec2Result(op, '<return>true</return>');
    }
    case 'DescribeImages': {
      const ids = listed(params, 'ImageId');
      const { items, next } = page(r.images.filter((i) => !ids.length || ids.includes(i.id)), params);
      const xml = items
        .map((i) => `<item><imageId>${i.id}</imageId><imageLocation>${state.owner}/${xmlEscape(i.name)}</imageLocation><imageState>available</imageState><imageOwnerId>${state.owner}</imageOwnerId><creationDate>${i.created}</creationDate><isPublic>${i.public}</isPublic><name>${xmlEscape(i.name)}</name><rootDeviceName>/dev/xvda</rootDeviceName><blockDeviceMapping>${i.snapshotIds.map((s, n) => `<item><deviceName>/dev/xvd${String.fromCharCode(97 + n)}</deviceName><ebs><snapshotId>${s}</snapshotId><volumeSize>8</volumeSize></ebs></item>`).join('')}</blockDeviceMapping></item>`)
        .join('');
      return ec2Result(op, `<imagesSet>${xml}</imagesSet>${next}`);
    }
    case 'DescribeImageAttribute':
    case 'ModifyImageAttribute': {
      const image = r.images.find((i) => i.id === params.get('ImageId'));
      if (!image) return ec2Error(400, 'InvalidAMIID.NotFound', `The image id '[${params.get('ImageId') ?? ''}]' does not exist`);
      if (op === 'DescribeImageAttribute') return ec2Result(op, `<imageId>${image.id}</imageId><launchPermission>${sharingXml(image)}</launchPermission>`);
      changeSharing(image, params, 'LaunchPermission');
      record();
      return ec2Result(op, '<return>true</return>');
    }
    case 'DescribeSpotInstanceRequests':
      return ec2Result(op, `<spotInstanceRequestSet>${r.spotRequests.map((s) => `<item><spotInstanceRequestId>${s.id}</spotInstanceRequestId><state>${s.state}</state><type>one-time</type><createTime>${s.created}</createTime>${s.instanceId ? `<instanceId>${s.instanceId}</instanceId>` : ''}</item>`).join('')}</spotInstanceRequestSet>`);
    case 'DescribeLaunchTemplates':
      return ec2Result(op, `<launchTemplates>${r.launchTemplates.map((t) => `<item><launchTemplateId>${t.id}</launchTemplateId><launchTemplateName>${xmlEscape(t.name)}</launchTemplateName><createTime>${t.created}</createTime><createdBy>${xmlEscape(t.createdBy)}</createdBy><defaultVersionNumber>1</defaultVersionNumber><latestVersionNumber>1</latestVersionNumber></item>`).join('')}</launchTemplates>`);
    case 'DescribeKeyPairs':
      return ec2Result(op, `<keySet>${r.keyPairs.map((k) => `<item><keyPairId>${k.id}</keyPairId><keyName>${xmlEscape(k.name)}</keyName><keyFingerprint>ab:cd</keyFingerprint><keyType>rsa</keyType><createTime>${k.created}</createTime></item>`).join('')}</keySet>`);
    default:
      return undefined;
  }
}

const HANDLED = new Set(['DescribeInstances', 'StopInstances', 'StartInstances', 'ModifyInstanceAttribute', 'DescribeVolumes', 'CreateSnapshot', 'DescribeSnapshots', 'DescribeSnapshotAttribute', 'ModifySnapshotAttribute', 'DescribeImages', 'DescribeImageAttribute', 'ModifyImageAttribute', 'DescribeSpotInstanceRequests', 'DescribeLaunchTemplates', 'DescribeKeyPairs']);

const service: StatefulService = {
  name: 'ec2-resources',
  handle(request, world) {
    if (request.service !== 'ec2') return undefined;
    const state = ec2ResourcesState(world);
    if (!state) return undefined;
    const action = `ec2:${request.action}`;
    if (HANDLED.has(request.action) && world.isDenied(action)) return ec2Error(403, 'UnauthorizedOperation', `You are not authorized to perform: ${action}`);
    return handle(state, request.region, request.action, request.params, world);
  },
};
export default service;
