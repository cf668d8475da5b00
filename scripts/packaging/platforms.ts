/**
 * The platforms the backend ships for: those of grafana-plugin-sdk-go's `build.BuildAll` (Magefile.go's
 * Default), each with the SDK's mage target that builds it alone. tests/built/package.test.ts checks this
 * list against the SDK source in the Go module cache, so an SDK upgrade that changes it fails there.
 */
export interface Platform {
  os: string;
  arch: string;
  /** The SDK's `Build` method, run as the mage target `build:<method>`. */
  method: string;
}

export const SDK_PLATFORMS: readonly Platform[] = [
  { os: 'linux', arch: 'amd64', method: 'Linux' },
  { os: 'linux', arch: 'arm', method: 'LinuxARM' },
  { os: 'linux', arch: 'arm64', method: 'LinuxARM64' },
  { os: 'windows', arch: 'amd64', method: 'Windows' },
  { os: 'darwin', arch: 'amd64', method: 'Darwin' },
  { os: 'darwin', arch: 'arm64', method: 'DarwinARM64' },
];

export function platformName(platform: Platform): string {
  return `${platform.os}/${platform.arch}`;
}

/** `all`, or a comma-separated list of `os/arch` names from SDK_PLATFORMS. */
export function parsePlatforms(list: string): Platform[] {
  if (list === 'all') {
    return [...SDK_PLATFORMS];
  }
  const names = list.split(',').map((name) => name.trim());
  return names.map((name) => {
    const platform = SDK_PLATFORMS.find((candidate) => platformName(candidate) === name);
    if (!platform) {
      throw new Error(`unknown platform "${name}" (known: all, ${SDK_PLATFORMS.map(platformName).join(', ')})`);
    }
    return platform;
  });
}

/** The file the SDK writes for `executable` (plugin.json) on a platform: `<executable>_<os>_<arch>[.exe]`. */
export function executableFile(executable: string, platform: Platform): string {
  const name = `${executable}_${platform.os}_${platform.arch}`;
  return platform.os === 'windows' ? `${name}.exe` : name;
}
