import type { SubscribersStrings } from '../../../console/strings/subscribers.js';

export const subscribers: SubscribersStrings = {
  title: 'Subscribers',
};
