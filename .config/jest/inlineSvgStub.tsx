// react-inlinesvg fetches icons asynchronously, which in jsdom only produces act() warnings; draw a bare <svg> instead.
import type { SVGProps } from 'react';

type Props = SVGProps<SVGSVGElement> & { src?: string; innerRef?: unknown; cacheRequests?: boolean };

export default function InlineSVG({ src, innerRef: _innerRef, cacheRequests: _cache, ...rest }: Props) {
  return <svg data-src={src} {...rest} />;
}
