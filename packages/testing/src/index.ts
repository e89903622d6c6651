// A test console with the plugins a test names, for plugins' own tests, the installation's tests,
// the web app's browser tests and the benchmarks. It depends on the host and core, never on an
// installation or a plugin: a plugin package can depend on it without a cycle.
export { createTestStack, startTestServer, type StackOptions, type TestStack } from './test-stack.js';
export { createTestApp, linkToken, TestClient, type TestApp } from './test-app.js';
export { companyByName, type DemoProject } from './demo-lookups.js';
export { markJobFailed, waitUntil } from '@rtc-console/core/testing';
export { DEMO_COMPANIES, DEMO_PASSWORD, type DemoCompany } from '@rtc-console/server';
