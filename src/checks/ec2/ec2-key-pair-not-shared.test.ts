import check from './ec2-key-pair-not-shared.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, instance, inventory, keyPair } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';
import { DEFAULT_CONFIG } from '../../config/schema.js';

const region = (keys: ReturnType<typeof keyPair>[], running: ReturnType<typeof instance>[]) => ({ keys: collected(keys), instances: collected(running) });
function inv(byRegion: Record<string, ReturnType<typeof region>>) {
  return inventory({
    regions: Object.keys(byRegion),
    ec2: {
      keyPairs: Object.fromEntries(Object.entries(byRegion).map(([r, v]) => [r, v.keys])),
      instances: Object.fromEntries(Object.entries(byRegion).map(([r, v]) => [r, v.instances])),
    },
  });
}

testCheck(check, [
  { name: 'one key, one server', inventory: inv({ 'eu-west-1': region([keyPair('alice')], [instance('i-1', { keyName: 'alice' })]) }), expect: [['PASS', 'alice', /on 1 running instance and not imported elsewhere/]] },
  {
    name: 'a master key on three servers (stopped ones do not count)',
    inventory: inv({ 'eu-west-1': region([keyPair('master')], [instance('i-1', { keyName: 'master', name: 'web' }), instance('i-2', { keyName: 'master' }), instance('i-3', { keyName: 'master' }), instance('i-4', { keyName: 'master', state: 'stopped' })]) }),
    expect: [['FAIL', 'master', /is on 3 running instances: i-1 \(web\), i-2, i-3$/]],
  },
  {
    name: 'a higher limit from the config',
    inventory: inv({ 'eu-west-1': region([keyPair('team')], [instance('i-1', { keyName: 'team' }), instance('i-2', { keyName: 'team' }), instance('i-3', { keyName: 'team' })]) }),
    config: { ...DEFAULT_CONFIG, thresholds: { ...DEFAULT_CONFIG.thresholds, keyPairMaxInstances: 10 } },
    expect: [['PASS', 'team']],
  },
  {
    name: 'the same public key under two names and in another region',
    inventory: inv({ 'eu-west-1': region([keyPair('bob', { fingerprint: 'aa:bb' }), keyPair('bob-old', { fingerprint: 'aa:bb' })], []), 'us-east-1': region([keyPair('bob-us', { fingerprint: 'aa:bb' })], []) }),
    expect: [
      ['FAIL', 'bob', /same public key as bob-old in eu-west-1, bob-us in us-east-1$/],
      ['FAIL', 'bob-old', /same public key as bob in eu-west-1, bob-us in us-east-1$/],
      ['FAIL', 'bob-us', /same public key as bob in eu-west-1, bob-old in eu-west-1$/],
    ],
  },
  {
    name: 'instances denied: cannot count the servers',
    inventory: inventory({ regions: ['eu-west-1'], ec2: { keyPairs: { 'eu-west-1': collected([keyPair('alice')]) }, instances: { 'eu-west-1': accessDenied('ec2:DescribeInstances') } } }),
    expect: [['UNKNOWN', 'alice', /grant ec2:DescribeInstances/]],
  },
  {
    name: 'a clean key says which regions it could not search for copies',
    inventory: inventory({ regions: ['eu-west-1', 'us-east-1'], ec2: { keyPairs: { 'eu-west-1': collected([keyPair('alice')]), 'us-east-1': accessDenied('ec2:DescribeKeyPairs') }, instances: { 'eu-west-1': collected([]) } } }),
    expect: [['PASS', 'alice', /not imported elsewhere in the regions that could be read \(not us-east-1\)$/], ['UNKNOWN', 'us-east-1']],
  },
  { name: 'key pairs denied', inventory: inventory({ regions: ['eu-west-1'], ec2: { keyPairs: { 'eu-west-1': accessDenied('ec2:DescribeKeyPairs') } } }), expect: [['UNKNOWN', 'eu-west-1']] },
]);
