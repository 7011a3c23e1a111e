/** The Support SDK's version (semver; see CHANGELOG.md in this folder). */
export const SDK_VERSION = '1.1.0';
