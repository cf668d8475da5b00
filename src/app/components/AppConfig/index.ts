export { AppConfig } from './AppConfig';
export type { AppConfigProps } from './AppConfig';
