import { Field, formattedValueToString, getDisplayProcessor, GrafanaTheme2 } from '@grafana/data';

/** Formats numbers with the field's unit and decimals (from field config), as Grafana's own panels do. */
export function valueFormatter(field: Field, theme: GrafanaTheme2): (value: number) => string {
  const display = field.display ?? getDisplayProcessor({ field, theme });
  return (value: number) => formattedValueToString(display(value));
}
