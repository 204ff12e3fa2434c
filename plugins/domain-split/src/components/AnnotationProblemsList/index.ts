export { AnnotationProblemsList } from './AnnotationProblemsList';
