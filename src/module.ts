import { AppPlugin } from '@grafana/data';

import { AppConfig } from './app/components/AppConfig';

export const plugin = new AppPlugin<object>().addConfigPage({
  title: 'Setup',
  icon: 'cog',
  body: AppConfig,
  id: 'setup',
});
