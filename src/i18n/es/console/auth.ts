import type { AuthStrings } from '../../../console/strings/auth.js';

export const auth: AuthStrings = {
  title: 'Auth',
};
