import type { GuardRails } from '../../inventory/schema.js';
import { orWhenAbsent, readFact, regionalCollector } from '../collector.js';
import { awsSdk } from '../../aws/sdk-modules.js';

/** "Not subscribed" answers (in `off`) mean the service is off, not that the scanner was refused. */
const read = (operation: string, call: () => Promise<boolean>, off: readonly string[]) => readFact(operation, () => orWhenAbsent(call, off, false));

/** AWS Config recording, Security Hub and IAM Access Analyzer in a region: one call each. */
export const guardRails = regionalCollector({
  key: 'guardRails.regions',
  service: 'config',
  operations: ['DescribeConfigurationRecorderStatus', 'securityhub:DescribeHub', 'accessanalyzer:ListAnalyzers'],
  collect: async (aws, region): Promise<GuardRails> => {
    const [config, hub, analyzer] = [awsSdk('config'), awsSdk('securityhub'), awsSdk('accessanalyzer')];
    const [configRecording, securityHub, accessAnalyzer] = await Promise.all([
      read('config:DescribeConfigurationRecorderStatus', async () => {
        const r = await aws.client('config', region, config.ConfigServiceClient).send(new config.DescribeConfigurationRecorderStatusCommand({}));
        return (r.ConfigurationRecordersStatus ?? []).some((s) => s.recording);
      }, []),
      read('securityhub:DescribeHub', async () => Boolean((await aws.client('securityhub', region, hub.SecurityHubClient).send(new hub.DescribeHubCommand({}))).HubArn), ['InvalidAccessException', 'ResourceNotFoundException']),
      read('accessanalyzer:ListAnalyzers', async () => {
        const r = await aws.client('accessanalyzer', region, analyzer.AccessAnalyzerClient).send(new analyzer.ListAnalyzersCommand({}));
        return (r.analyzers ?? []).some((a) => a.status === 'ACTIVE' && (a.type === 'ACCOUNT' || a.type === 'ORGANIZATION'));
      }, []),
    ]);
    return { configRecording, securityHub, accessAnalyzer };
  },
});
