/**
 * Bad input from a user (a flag, a constant, a config file): the CLI prints the message as one line
 * and exits with code 2. Never used for a bug.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
