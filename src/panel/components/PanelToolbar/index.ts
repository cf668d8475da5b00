export { PanelToolbar } from './PanelToolbar';
export type { PanelToolbarProps } from './PanelToolbar';
