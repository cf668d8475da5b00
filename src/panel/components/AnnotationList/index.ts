export { AnnotationList } from './AnnotationList';
