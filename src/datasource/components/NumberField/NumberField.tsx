import { InlineField, Input } from '@grafana/ui';
import { ChangeEvent, useState } from 'react';

import { NumberBounds, parseBoundedNumber } from './parseBoundedNumber';

export interface NumberFieldProps {
  label: string;
  tooltip: string;
  value: number | undefined;
  /** Shown greyed when the box is empty: the default that then applies. */
  placeholder: string;
  bounds?: NumberBounds;
  /** Called on blur with a valid number, or undefined when cleared; never with an invalid entry. */
  onCommit: (value: number | undefined) => void;
  labelWidth?: number;
  width?: number;
  testId?: string;
}

/** A number box that commits on blur, shows why an entry is rejected, and treats blank as "default". */
export function NumberField({
  label,
  tooltip,
  value,
  placeholder,
  bounds,
  onCommit,
  labelWidth = 22,
  width = 10,
  testId,
}: NumberFieldProps) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [error, setError] = useState<string | undefined>();
  // A new value from outside (another editor, a reset) replaces what the box shows, and any complaint about it.
  const [shownValue, setShownValue] = useState(value);
  if (value !== shownValue) {
    setShownValue(value);
    setText(value === undefined ? '' : String(value));
    setError(undefined);
  }

  const commit = () => {
    const parsed = parseBoundedNumber(text, bounds);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(undefined);
    if (parsed.value !== value) {
      onCommit(parsed.value);
    }
  };

  return (
    <InlineField label={label} labelWidth={labelWidth} tooltip={tooltip} invalid={error !== undefined} error={error}>
      <Input
        data-testid={testId}
        aria-label={label}
        value={text}
        placeholder={placeholder}
        onChange={(event: ChangeEvent<HTMLInputElement>) => setText(event.target.value)}
        onBlur={commit}
        width={width}
      />
    </InlineField>
  );
}
