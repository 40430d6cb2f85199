import check from './ec2-user-data-no-secrets.js';
import { testSecretsCheck } from '../../testing/check-tester.js';

testSecretsCheck(check, 'userData', 'EC2 instance', 'ec2:DescribeInstanceAttribute');
