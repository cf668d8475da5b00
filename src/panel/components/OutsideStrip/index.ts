export { OutsideStrip, STRIP_CAPTION_HEIGHT } from './OutsideStrip';
export type { OutsideStripProps } from './OutsideStrip';
