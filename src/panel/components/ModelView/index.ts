export { ModelView } from './ModelView';
export type { ModelViewProps } from './ModelView';
