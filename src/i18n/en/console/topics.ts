import type { TopicsStrings } from '../../../console/strings/topics.js';

export const topics: TopicsStrings = {
  title: 'Topics',
};
