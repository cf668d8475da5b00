export { RegionDialog } from './RegionDialog';
export type { RegionDialogProps } from './RegionDialog';
