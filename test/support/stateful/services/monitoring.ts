/** Stateful CloudWatch metric alarms and SNS topics for the local AWS look-alike. */
import { queryError, queryResult, type FakeHandler } from '../../fake-aws.js';
import { xmlEscape } from '../params.js';
import type { StatefulService } from '../world.js';

export interface AlarmState {
  account: string;
  /** By region: alarm name → the PutMetricAlarm input. */
  alarms: Record<string, Record<string, Record<string, unknown>>>;
  /** Topic ARN → subscriptions (`confirmed` once the e-mail link is followed). */
  topics: Record<string, { endpoint: string; confirmed: boolean }[]>;
}

const SNS_NS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const json = (body: object, status = 200) => ({ status, contentType: 'application/x-amz-json-1.0', body: JSON.stringify(body) });

export function statefulMonitoring(state: AlarmState): FakeHandler {
  return (request) => {
    if (request.service === 'monitoring') {
      const input = (request.body ? JSON.parse(request.body) : {}) as Record<string, unknown>;
      const alarms = (state.alarms[request.region] ??= {});
      switch (request.action) {
        case 'DescribeAlarms':
          return json({ MetricAlarms: Object.values(alarms), CompositeAlarms: [] });
        case 'PutMetricAlarm':
          alarms[typeof input.AlarmName === 'string' ? input.AlarmName : ''] = input;
          return json({});
        case 'DeleteAlarms':
          for (const name of (input.AlarmNames as string[] | undefined) ?? []) delete alarms[name];
          return json({});
        default:
          return undefined;
      }
    }
    if (request.service !== 'sns') return undefined;
    const p = request.params;
    const arnFor = (name: string) => `arn:aws:sns:${request.region}:${state.account}:${name}`;
    switch (request.action) {
      case 'CreateTopic': {
        const arn = arnFor(p.get('Name') ?? '');
        state.topics[arn] ??= [];
        return queryResult('CreateTopic', `<TopicArn>${arn}</TopicArn>`, SNS_NS);
      }
      case 'Subscribe': {
        const topic = state.topics[p.get('TopicArn') ?? ''];
        if (!topic) return queryError(404, 'NotFound', 'Topic does not exist');
        topic.push({ endpoint: p.get('Endpoint') ?? '', confirmed: false });
        return queryResult('Subscribe', '<SubscriptionArn>pending confirmation</SubscriptionArn>', SNS_NS);
      }
      case 'DeleteTopic':
        delete state.topics[p.get('TopicArn') ?? ''];
        return queryResult('DeleteTopic', '', SNS_NS);
      case 'ListSubscriptionsByTopic': {
        const arn = p.get('TopicArn') ?? '';
        const topic = state.topics[arn];
        if (!topic) return queryError(404, 'NotFound', 'Topic does not exist');
        const members = topic
          .map((s, i) => `<member><TopicArn>${arn}</TopicArn><Protocol>email</Protocol><Endpoint>${xmlEscape(s.endpoint)}</Endpoint><SubscriptionArn>${s.confirmed ? `${arn}:sub-${i}` : 'PendingConfirmation'}</SubscriptionArn><Owner>${state.account}</Owner></member>`)
          .join('');
        return queryResult('ListSubscriptionsByTopic', `<Subscriptions>${members}</Subscriptions>`, SNS_NS);
      }
      default:
        return undefined;
    }
  };
}

/** What the owner does when the confirmation e-mail arrives. */
export function confirmSubscriptions(state: AlarmState): void {
  for (const subscriptions of Object.values(state.topics)) for (const s of subscriptions) s.confirmed = true;
}

/** In the shared look-alike: answers only when a test seeds `monitoring` ({ alarms, topics }). */
const service: StatefulService = {
  name: 'monitoring',
  handle(request, world) {
    const state = world.section('monitoring', (seed) => (seed ? { account: world.account, ...structuredClone(seed as Omit<AlarmState, 'account'>) } : undefined));
    return state ? statefulMonitoring(state)(request) : undefined;
  },
};
export default service;
