import { defineCheck, fail, need, pass } from '../../core/check.js';
import { describeRegion, regionStates } from '../../inventory/resources.js';
import { createAccessAnalyzer, ANALYZER_ACTIONS } from '../../fixers/guard-rails.js';

export default defineCheck({
  id: 'accessanalyzer-analyzer-enabled',
  title: 'IAM Access Analyzer watches for external access in every region',
  service: 'accessanalyzer',
  severity: 'low',
  checklist: ['AS-20'],
  rationale: "Access Analyzer reports every bucket, key, role, queue or snapshot that another account or the public can reach, including grants nobody remembers making.",
  remediation: {
    text: "Create an account (or organisation) analyzer in every region and review its active findings.",
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html',
  },
  needs: ['guardRails.regions'],
  resources: (inventory) => regionStates(inventory, inventory.guardRails.regions, 'accessanalyzer:ListAnalyzers'),
  describe: (_state, context) => describeRegion(context),
  evaluate: (state, { region }) => (need(state.accessAnalyzer, 'accessanalyzer:ListAnalyzers') ? pass('IAM Access Analyzer is on in ' + region) : fail('IAM Access Analyzer is off in ' + region)),
  fix: { actions: ANALYZER_ACTIONS, plan: (_state, { region }) => [createAccessAnalyzer(region)], fingerprint: (state) => state.accessAnalyzer },
});
