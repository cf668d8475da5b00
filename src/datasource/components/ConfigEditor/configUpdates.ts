import type { DataSourceSettings } from '@grafana/data';

import type { ForesightDataSourceOptions, ForesightSecureJsonData } from '../../../shared/types';

export type ForesightSettings = DataSourceSettings<ForesightDataSourceOptions, ForesightSecureJsonData>;
export type SecretKey = keyof ForesightSecureJsonData;

/** Merges settings into jsonData; an undefined value removes the key so the backend's default applies. */
export function withJsonData(
  options: ForesightSettings,
  patch: Partial<ForesightDataSourceOptions>
): ForesightSettings {
  const jsonData: ForesightDataSourceOptions = { ...options.jsonData, ...patch };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) {
      delete jsonData[key as keyof ForesightDataSourceOptions];
    }
  }
  return { ...options, jsonData };
}

/** jsonData keys whose value is free text. */
export type TextSetting = 'prometheusUrl' | 'grafanaUrl' | 'prometheusUser' | 'modelStoreDir' | 'redisAddress';

/** A text setting as typed: trimmed, and blank removes it so the backend's default applies. */
export function withText(options: ForesightSettings, key: TextSetting, typed: string): ForesightSettings {
  return withJsonData(options, { [key]: typed.trim() || undefined });
}

/** A new secret goes to secureJsonData only; jsonData never sees it. */
export function withSecret(options: ForesightSettings, key: SecretKey, value: string): ForesightSettings {
  return { ...options, secureJsonData: { ...options.secureJsonData, [key]: value } };
}

/** Forgets a stored secret: Grafana clears it on save when the field is marked unset and the value is empty. */
export function resetSecret(options: ForesightSettings, key: SecretKey): ForesightSettings {
  return {
    ...options,
    secureJsonFields: { ...options.secureJsonFields, [key]: false },
    secureJsonData: { ...options.secureJsonData, [key]: '' },
  };
}

/** Why a URL setting is unusable, or undefined; empty is allowed (the feature is then off). */
export function urlProblem(text: string | undefined): string | undefined {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') {
    return undefined;
  }
  try {
    const url = new URL(trimmed);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return 'The URL must start with http:// or https://';
    }
    return url.username || url.password ? 'Put credentials in the auth fields, not in the URL' : undefined;
  } catch {
    return 'Not a valid URL, e.g. http://prometheus:9090';
  }
}

/** Why a host:port setting (the Redis address) is unusable, or undefined; empty is left to the caller. */
export function hostPortProblem(text: string | undefined): string | undefined {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') {
    return undefined;
  }
  const match = /^(\[[0-9a-fA-F:.]+\]|[^\s/@:[\]]+):(\d{1,5})$/.exec(trimmed);
  const port = Number(match?.[2]);
  return match && port >= 1 && port <= 65535 ? undefined : 'Host and port, e.g. redis:6379';
}
