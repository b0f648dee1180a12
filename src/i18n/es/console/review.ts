import type { ReviewStrings } from '../../../console/strings/review.js';

export const review: ReviewStrings = {
  title: 'Review',
};
