// x-request-id must be a UUID (seed 003): 8-4-4-4-12 hex digits. Checking the shape keeps
// arbitrary text out of the replay store and lets a database keep it in a uuid column.
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
