import { readFileSync } from 'node:fs';
import { WeakPassword } from './errors.js';

const COMMON_PASSWORDS_FILE = new URL('../../data/common-passwords.txt', import.meta.url);

/** NIST SP 800-63B §5.1.1.2: 8..128 characters, any characters, not a known common password. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

let common: Set<string> | undefined;
const commonPasswords = (): Set<string> => {
  common ??= new Set(
    readFileSync(COMMON_PASSWORDS_FILE, 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line.length > 0),
  );
  return common;
};

/** Throws WeakPassword (400) for a password the policy refuses. Lengths count code points. */
export function assertAcceptablePassword(password: string, context: { email?: string } = {}): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw new WeakPassword(`Use ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`);
  }
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) {
    throw new WeakPassword('This password is too common; choose another.');
  }
  if (context.email !== undefined && lower === context.email.toLowerCase()) {
    throw new WeakPassword('The password must not be your email address.');
  }
}
