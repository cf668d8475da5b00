export { MissingFields } from './MissingFields';
