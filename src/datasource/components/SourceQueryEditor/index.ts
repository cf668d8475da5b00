export { SourceQueryEditor } from './SourceQueryEditor';
export type { SourceQueryEditorProps } from './SourceQueryEditor';
