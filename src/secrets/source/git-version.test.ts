import { describe, expect, it } from 'vitest';
import { catFileMode, catFileModeOf } from './git-version.js';

describe('catFileModeOf', () => {
  it('uses --batch-command from git 2.36 on, and --batch before', () => {
    expect(catFileModeOf('git version 2.39.5')).toBe('batch-command');
    expect(catFileModeOf('git version 2.36.0.windows.1')).toBe('batch-command');
    expect(catFileModeOf('git version 3.0.0')).toBe('batch-command');
    expect(catFileModeOf('git version 2.35.8')).toBe('batch');
    expect(catFileModeOf('git version 1.9.9')).toBe('batch');
  });

  it('falls back to --batch when the version cannot be read', () => {
    expect(catFileModeOf('')).toBe('batch');
    expect(catFileModeOf('not git')).toBe('batch');
  });

  it('asks the installed git once', async () => {
    const mode = await catFileMode();
    expect(['batch-command', 'batch']).toContain(mode);
    expect(catFileMode()).toBe(catFileMode());
  });
});
