import type { DigestsStrings } from '../../../console/strings/digests.js';

export const digests: DigestsStrings = {
  title: 'Digests',
};
