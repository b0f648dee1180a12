import type { UsersStrings } from '../../../console/strings/users.js';

export const users: UsersStrings = {
  title: 'Users',
};
