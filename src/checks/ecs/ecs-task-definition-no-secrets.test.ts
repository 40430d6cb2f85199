import check from './ecs-task-definition-no-secrets.js';
import { testSecretsCheck } from '../../testing/check-tester.js';

testSecretsCheck(check, 'ecsTaskDefinitions', 'ECS task definition', 'ecs:ListTaskDefinitionFamilies');
