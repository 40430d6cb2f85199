/** Stateful CloudTrail trails and CloudWatch Logs groups and metric filters for the local AWS look-alike. */
import type { FakeHandler, FakeResponse } from '../../fake-aws.js';
import type { StatefulService } from '../world.js';

export interface StatefulTrail {
  Name: string;
  TrailARN: string;
  HomeRegion: string;
  IsMultiRegionTrail: boolean;
  IsOrganizationTrail?: boolean;
  LogFileValidationEnabled: boolean;
  S3BucketName: string;
  CloudWatchLogsLogGroupArn?: string;
  CloudWatchLogsRoleArn?: string;
  KmsKeyId?: string;
  IsLogging: boolean;
  EventSelectors: object[];
}

export interface TrailState {
  account: string;
  trails: StatefulTrail[];
  /** Log groups by region, each with its metric filters. */
  logGroups: Record<string, Record<string, { retentionInDays?: number; filters: Record<string, { filterPattern: string; metricTransformations: object[] }> }>>;
}

const json = (body: object, status = 200): FakeResponse => ({ status, contentType: 'application/x-amz-json-1.1', body: JSON.stringify(body) });
const error = (type: string, message: string) => json({ __type: type, message }, 400);
const str = (value: unknown) => (typeof value === 'string' ? value : '');

export function statefulCloudTrail(state: TrailState): FakeHandler {
  return (request) => {
    if (request.service !== 'cloudtrail' && request.service !== 'logs') return undefined;
    const input = (request.body ? JSON.parse(request.body) : {}) as Record<string, unknown>;
    const find = (name: unknown) => state.trails.find((t) => t.TrailARN === name || t.Name === name);
    const describe = ({ IsLogging: _l, EventSelectors: _e, ...trail }: StatefulTrail) => trail;
    if (request.service === 'cloudtrail') {
      const trail = find(input.Name ?? input.TrailName);
      switch (request.action) {
        case 'ListTrails':
          return json({ Trails: state.trails.map((t) => ({ TrailARN: t.TrailARN, Name: t.Name, HomeRegion: t.HomeRegion })) });
        case 'DescribeTrails':
          return json({ trailList: state.trails.filter((t) => (input.trailNameList as string[] | undefined)?.includes(t.TrailARN) ?? true).map(describe) });
        case 'CreateTrail': {
          const arn = `arn:aws:cloudtrail:${request.region}:${state.account}:trail/${str(input.Name)}`;
          if (find(arn)) return error('TrailAlreadyExistsException', 'Trail already exists');
          const created: StatefulTrail = {
            Name: str(input.Name),
            TrailARN: arn,
            HomeRegion: request.region,
            IsMultiRegionTrail: Boolean(input.IsMultiRegionTrail),
            LogFileValidationEnabled: Boolean(input.EnableLogFileValidation),
            S3BucketName: str(input.S3BucketName),
            ...(input.CloudWatchLogsLogGroupArn ? { CloudWatchLogsLogGroupArn: str(input.CloudWatchLogsLogGroupArn), CloudWatchLogsRoleArn: str(input.CloudWatchLogsRoleArn) } : {}),
            IsLogging: false,
            EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
          };
          state.trails.push(created);
          return json(describe(created));
        }
      }
      if (!trail) return error('TrailNotFoundException', `Unknown trail: ${str(input.Name ?? input.TrailName)}`);
      switch (request.action) {
        case 'GetTrailStatus':
          return json({ IsLogging: trail.IsLogging });
        case 'GetEventSelectors':
          return json({ TrailARN: trail.TrailARN, EventSelectors: trail.EventSelectors });
        case 'StartLogging':
        case 'StopLogging':
          trail.IsLogging = request.action === 'StartLogging';
          return json({});
        case 'DeleteTrail':
          state.trails.splice(state.trails.indexOf(trail), 1);
          return json({});
        case 'PutEventSelectors':
          trail.EventSelectors = (input.EventSelectors as object[] | undefined) ?? [];
          return json({ TrailARN: trail.TrailARN, EventSelectors: trail.EventSelectors });
        case 'UpdateTrail': {
          if (input.IsMultiRegionTrail !== undefined) trail.IsMultiRegionTrail = Boolean(input.IsMultiRegionTrail);
          if (input.EnableLogFileValidation !== undefined) trail.LogFileValidationEnabled = Boolean(input.EnableLogFileValidation);
          if (input.CloudWatchLogsLogGroupArn !== undefined) {
            const [, , , region = '', , , group = ''] = str(input.CloudWatchLogsLogGroupArn).split(':');
            if (input.CloudWatchLogsLogGroupArn && !state.logGroups[region]?.[group]) return error('InvalidCloudWatchLogsLogGroupArnException', 'The log group does not exist');
            if (input.CloudWatchLogsLogGroupArn) trail.CloudWatchLogsLogGroupArn = str(input.CloudWatchLogsLogGroupArn);
            else delete trail.CloudWatchLogsLogGroupArn;
            if (input.CloudWatchLogsRoleArn) trail.CloudWatchLogsRoleArn = str(input.CloudWatchLogsRoleArn);
            else delete trail.CloudWatchLogsRoleArn;
          }
          return json(describe(trail));
        }
        default:
          return undefined;
      }
    }
    const groups = (state.logGroups[request.region] ??= {});
    const group = groups[str(input.logGroupName)];
    switch (request.action) {
      case 'DescribeMetricFilters':
        return json({
          metricFilters: Object.entries(groups).flatMap(([logGroupName, g]) => Object.entries(g.filters).map(([filterName, f]) => ({ filterName, logGroupName, ...f }))),
        });
      case 'CreateLogGroup':
        if (group) return error('ResourceAlreadyExistsException', 'The specified log group already exists');
        groups[str(input.logGroupName)] = { filters: {} };
        return json({});
      case 'PutRetentionPolicy':
      case 'PutMetricFilter':
      case 'DeleteMetricFilter':
        if (!group) return error('ResourceNotFoundException', 'The specified log group does not exist.');
        if (request.action === 'PutRetentionPolicy') group.retentionInDays = Number(input.retentionInDays);
        else if (request.action === 'PutMetricFilter') group.filters[str(input.filterName)] = { filterPattern: str(input.filterPattern), metricTransformations: input.metricTransformations as object[] };
        else if (!group.filters[str(input.filterName)]) return error('ResourceNotFoundException', 'The specified metric filter does not exist.');
        else delete group.filters[str(input.filterName)];
        return json({});
      default:
        return undefined;
    }
  };
}

/** In the shared look-alike: answers only when a test seeds `cloudtrail` ({ trails, logGroups }). */
const service: StatefulService = {
  name: 'cloudtrail',
  handle(request, world) {
    const state = world.section('cloudtrail', (seed) => (seed ? { account: world.account, ...structuredClone(seed as Omit<TrailState, 'account'>) } : undefined));
    if (!state) return undefined;
    if ((request.service === 'cloudtrail' || request.service === 'logs') && world.isDenied(`${request.service}:${request.action}`)) return error('AccessDeniedException', `not authorized to perform: ${request.service}:${request.action}`);
    return statefulCloudTrail(state)(request);
  },
};
export default service;
