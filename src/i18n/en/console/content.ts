import type { ContentStrings } from '../../../console/strings/content.js';

export const content: ContentStrings = {
  title: 'Content',
};
