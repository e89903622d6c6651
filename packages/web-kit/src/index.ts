/**
 * The web kit: what the console's web app and every plugin's web entry share, so auth, errors
 * and list pages are handled once (PRODUCT.md "plugin developer").
 */
export { ApiError } from './api/api-error';
export { api, ApiClient, type Page, type Query, type SessionExpiredHandler } from './api/client';
export type { DownloadOptions } from './api/download';
export { default as PageHeader } from './components/PageHeader.vue';
export { default as CopyText } from './components/CopyText.vue';
export { default as SecretOnceDialog } from './components/SecretOnceDialog.vue';
export { default as ReauthDialog } from './components/ReauthDialog.vue';
export { useReauth } from './auth/reauth';
export { useConfirm, type ConfirmOptions } from './dialogs/confirm';
export { inputProps } from './forms/input-props';
export { useErrorText } from './errors/error-text';
export { fieldErrorsFor } from './forms/field-errors';
export { useSubmit, type FieldState, type SubmitOptions } from './forms/submit';
export { issueText, zodRule } from './forms/zod-rule';
export { isVisible, type Placement, type Viewer } from './nav/visibility';
export { lazyComponent, slotEntries, type Placed, type SlotName } from './slots/slot-entries';
export * from './slots/types';
export { useLabel } from './slots/use-label';
export { useRemoteTable, type RemoteTableState, type TableQuery } from './table/remote-table';
export { default as RemoteTable } from './table/RemoteTable.vue';
export { settingsFields, settingsModel, valuesFromModel, type SettingsField, type SettingsFieldKind } from './settings/settings-fields';
