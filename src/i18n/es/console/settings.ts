import type { SettingsStrings } from '../../../console/strings/settings.js';

export const settings: SettingsStrings = {
  title: 'Settings',
};
