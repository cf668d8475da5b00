export { ForesightPanel } from './ForesightPanel';
