/** Reads the scope of an incident from the live account. */
import type { AwsContext } from '../aws/context.js';
import type { ScopeOptions, ScopeResult } from './scope-options.js';

export function readScope(_aws: AwsContext, _options: ScopeOptions): Promise<ScopeResult> {
  // Replaced by the scope readers (branch issue-14s) before respond is wired into the CLI.
  return Promise.reject(new Error('respond: the live scope readers are not merged yet'));
}
