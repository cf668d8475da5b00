/** Where the panel sits: its saved dashboard (none when unsaved) and its id. */
export interface PanelLocation {
  dashboardUID?: string;
  panelId?: number;
}

/** Where an annotation was made, as `/api/annotations` rows and annotation frames give it. */
export interface AnnotationPlace {
  /** Empty when the annotation has no dashboard, or Grafana could not find the dashboard of `dashboardId`. */
  dashboardUID: string;
  dashboardId?: number;
  panelId?: number;
}

/**
 * Organisation-wide: on no dashboard. Grafana fills dashboardUID from dashboardId and leaves it empty when that
 * dashboard is gone, so an annotation with a dashboard id is a dashboard's even without a UID, never org-wide.
 */
export function isOrgWide(place: AnnotationPlace): boolean {
  return place.dashboardUID === '' && !place.dashboardId;
}

/**
 * Whether an annotation applies to the panel, by the backend's rule (pkg/annotations `applies`): organisation-wide
 * (no dashboard), or on the same dashboard and either the same panel or no panel on either side. A dashboard's
 * annotation without a UID matches no panel.
 */
export function appliesToPanel(place: AnnotationPlace, location: PanelLocation): boolean {
  if (isOrgWide(place)) {
    return true;
  }
  if (!location.dashboardUID || place.dashboardUID !== location.dashboardUID) {
    return false;
  }
  const { panelId } = place;
  return !panelId || !location.panelId || panelId === location.panelId;
}
