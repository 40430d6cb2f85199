import { findSecrets, type FoundSecret } from './detect.js';

/** What one blob or file yielded: its secrets, or why it was skipped. */
export type BlobResult = { readonly secrets: readonly FoundSecret[] } | { readonly skipped: 'binary' };

/** Git's test: a NUL byte in the first 8,000 bytes makes a file binary. */
export function isBinary(data: Uint8Array): boolean {
  return data.subarray(0, 8000).includes(0);
}

/** Scans bytes as latin1, so every byte is one character and invalid UTF-8 cannot hide a secret. */
export function scanBytes(data: Buffer): BlobResult {
  if (isBinary(data)) return { skipped: 'binary' };
  return { secrets: findSecrets(data.toString('latin1')) };
}
