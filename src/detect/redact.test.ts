import { describe, expect, it } from 'vitest';
import { redactEvent } from './redact.js';

describe('redactEvent', () => {
  it('redacts a secret every time it is seen, and leaves identifiers and repeated clean text as they are', () => {
    const event = {
      userIdentity: { arn: 'arn:aws:iam::111122223333:user/alice', accessKeyId: 'AKIAQ3EGUOWXHTKBLY5Z' },
      userAgent: 'aws-cli/2.22.4 md/awscrt#0.23.4 ua/2.1 os/linux#6.8.0',
      requestParameters: { note: 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQmYvTlF8H', password: 'hunter2hunter2' },
    };
    for (let i = 0; i < 3; i++) {
      const r = redactEvent(event) as typeof event;
      expect(r.userIdentity).toEqual(event.userIdentity);
      expect(r.userAgent).toBe(event.userAgent);
      expect(r.requestParameters.note).toMatch(/^\[redacted: /);
      expect(r.requestParameters.note).not.toContain('wJalrXUtnFEMI/K7MDENG');
      expect(r.requestParameters.password).toBe('[redacted hu… (14 chars)]');
    }
  });
});
