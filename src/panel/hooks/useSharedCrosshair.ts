import { DataHoverClearEvent, DataHoverEvent, EventBus } from '@grafana/data';
import { RefObject, useEffect } from 'react';
import type uPlot from 'uplot';

/** Tells the other plots on the bus where this one's cursor is: at `time`, or gone (null). */
export function publishCursor(bus: EventBus | undefined, time: number | null, plotId: string): void {
  if (time === null) {
    bus?.publish(new DataHoverClearEvent());
  } else {
    bus?.publish(new DataHoverEvent({ point: { time }, dataId: plotId }));
  }
}

/** Moves this plot's cursor to the time another plot on the bus is hovering, and hides it when they leave. */
export function useSharedCrosshair(
  plotRef: RefObject<uPlot | undefined>,
  eventBus: EventBus | undefined,
  plotId: string
): void {
  useEffect(() => {
    if (!eventBus) {
      return;
    }
    const hovers = eventBus.getStream(DataHoverEvent).subscribe((event) => {
      const plot = plotRef.current;
      const time = event.payload.point?.time;
      if (!plot || event.payload.dataId === plotId || typeof time !== 'number') {
        return;
      }
      const x = plot.valToPos(time, 'x');
      if (x >= 0 && x <= plot.bbox.width / devicePixelRatio) {
        plot.setCursor({ left: x, top: plot.bbox.height / devicePixelRatio / 2 }, false);
      }
    });
    const clears = eventBus.getStream(DataHoverClearEvent).subscribe(() => {
      plotRef.current?.setCursor({ left: -10, top: -10 }, false);
    });
    return () => {
      hovers.unsubscribe();
      clears.unsubscribe();
    };
  }, [plotRef, eventBus, plotId]);
}
