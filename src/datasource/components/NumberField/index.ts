export { NumberField } from './NumberField';
export type { NumberFieldProps } from './NumberField';
export { parseBoundedNumber } from './parseBoundedNumber';
export type { NumberBounds, ParsedNumber } from './parseBoundedNumber';
