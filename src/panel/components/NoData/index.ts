export { NoData } from './NoData';
