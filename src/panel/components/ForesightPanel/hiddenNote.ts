import type { SelectedSeries } from '../../data/outliers';

/** Below the charts: why some series have none, naming the control that brings them back. */
export function hiddenNote({ shown, hiddenCount, overLimit, cutBy }: SelectedSeries, total: number): string {
  switch (cutBy) {
    case 'topN':
      return `The ${shown.length} most anomalous of ${total} series (“Top N” in the panel options); pick another above.`;
    case 'maxCharts':
      return `${overLimit} more series not shown: pick one above, or raise “Max charts” in the panel options.`;
    case 'picked':
      return `Showing the picked series; choose “All series” above for the other ${hiddenCount}.`;
    case 'filter':
      return `${hiddenCount} series without outliers in this range hidden (“Only with outliers”).`;
    default:
      return '';
  }
}
