/** An error the user can fix (bad input, bad credentials, unknown region): printed as one line, exit code 2. */
export class UserError extends Error {
  override readonly name = 'UserError';
}
