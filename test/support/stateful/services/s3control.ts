/** S3 Control: the account-level Block Public Access configuration (get, put, delete). */
import type { FakeResponse } from '../../fake-aws.js';
import type { StatefulService, World } from '../world.js';

export interface AccountBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export interface S3ControlSeed {
  /** null: no configuration (all four off). */
  readonly publicAccessBlock: AccountBlock | null;
}

export function s3ControlState(world: World): { publicAccessBlock: AccountBlock | null } {
  return world.section('s3control', (seed) => ({ publicAccessBlock: (seed as S3ControlSeed | undefined)?.publicAccessBlock ?? null }));
}

const FIELDS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;
const xmlError = (status: number, code: string, message: string): FakeResponse => ({ status, body: `<Error><Code>${code}</Code><Message>${message}</Message></Error>` });

const s3control: StatefulService = {
  name: 's3control',
  handle(request, world) {
    if (request.service !== 's3' || !request.path.startsWith('/v20180820/configuration/publicAccessBlock')) return undefined;
    if (request.headers['x-amz-account-id'] !== world.account) return xmlError(403, 'AccessDenied', 'the account id does not match the caller');
    const permission = request.method === 'GET' ? 's3:GetAccountPublicAccessBlock' : 's3:PutAccountPublicAccessBlock';
    if (world.isDenied(permission)) return xmlError(403, 'AccessDenied', 'Access Denied');
    const state = s3ControlState(world);
    if (request.method === 'GET') {
      const block = state.publicAccessBlock;
      if (!block) return xmlError(404, 'NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found');
      return { body: `<PublicAccessBlockConfiguration>${FIELDS.map((f) => `<${f}>${block[f]}</${f}>`).join('')}</PublicAccessBlockConfiguration>` };
    }
    if (request.method === 'DELETE') {
      state.publicAccessBlock = null;
      world.record('s3:DeleteAccountPublicAccessBlock', {});
      return { status: 204, body: '' };
    }
    if (request.method === 'PUT') {
      const value = (field: string) => new RegExp(`<${field}>(true|false)</${field}>`).exec(request.body)?.[1] === 'true';
      state.publicAccessBlock = Object.fromEntries(FIELDS.map((f) => [f, value(f)])) as unknown as AccountBlock;
      world.record('s3:PutAccountPublicAccessBlock', Object.fromEntries(FIELDS.map((f) => [f, String(value(f))])));
      return { body: '' };
    }
    return undefined;
  },
};
export default s3control;
