/** The version reports and SARIF carry; a test keeps it equal to package.json's. */
export const TOOL_VERSION = '1.0.0';
