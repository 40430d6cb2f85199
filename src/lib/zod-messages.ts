/**
 * Zod's wording for a missing field ("expected string, received undefined") says nothing to a
 * user: every schema of Bulwark says "is missing" instead. Imported for its effect by the
 * modules that turn validation issues into messages, so it holds however they are reached.
 */
import { z } from 'zod';

z.config({
  customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? `is missing (${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected} is required)` : undefined),
});
