/** Where the panel sits: its saved dashboard (none when unsaved) and its id. */
export interface PanelLocation {
  dashboardUID?: string;
  panelId?: number;
}

/**
 * Whether an annotation applies to the panel, by the backend's rule (pkg/annotations `applies`): organisation-wide
 * (no dashboard), or on the same dashboard and either the same panel or no panel on either side.
 */
export function appliesToPanel(dashboardUID: string, panelId: number | undefined, location: PanelLocation): boolean {
  if (dashboardUID === '') {
    return true;
  }
  if (!location.dashboardUID || dashboardUID !== location.dashboardUID) {
    return false;
  }
  return !panelId || !location.panelId || panelId === location.panelId;
}
