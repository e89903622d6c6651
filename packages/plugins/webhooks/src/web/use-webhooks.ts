import { api, useLabel, useReauth } from '@rtc-console/web-kit';
import { NTag } from 'naive-ui';
import { computed, h, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { DeliveryStatus, EndpointView, EventTypeView } from '../shared/index.js';

/** Dates in the user's language (the console's `long` format), a dash for none. */
export function useDates() {
  const { d } = useI18n();
  return (value: string | null | undefined) => (value ? d(new Date(value), 'long') : '—');
}

/** The declared event types, grouped by who publishes them, as NSelect options. */
export function useEventTypes() {
  const { t, te } = useI18n();
  const label = useLabel();
  const types = ref<EventTypeView[]>([]);
  const load = async () => {
    types.value = (await api.get<{ rows: EventTypeView[] }>('/api/webhooks/event-types')).rows;
  };
  const owner = (id: string) => (te(`webhooks.owners.${id}`) ? t(`webhooks.owners.${id}`) : id);
  const options = computed(() => {
    const owners = [...new Set(types.value.map((e) => e.owner))];
    return owners.map((o) => ({
      type: 'group' as const,
      label: owner(o),
      key: o,
      children: types.value.filter((e) => e.owner === o).map((e) => ({ value: e.type, label: e.type, description: label(e.description) })),
    }));
  });
  const describe = (type: string) => {
    const found = types.value.find((e) => e.type === type);
    return found ? label(found.description) : type;
  };
  /** The picker's option: the type, then what it means; found by either. */
  const renderLabel = (option: { label?: unknown; description?: unknown; type?: string }) =>
    option.type === 'group' ? String(option.label) : h('span', [h('span', { class: 'mono' }, String(option.label)), h('span', { style: 'color: #888; margin-left: 8px' }, String(option.description ?? ''))]);
  const filter = (pattern: string, option: { label?: unknown; description?: unknown }) => `${String(option.label)} ${String(option.description ?? '')}`.toLowerCase().includes(pattern.toLowerCase());
  /** A chosen type's tag: the type alone. */
  const renderTag = ({ option, handleClose }: { option: { label?: unknown }; handleClose: () => void }) =>
    h(NTag, { size: 'small', closable: true, bordered: false, onClose: (e: MouseEvent) => { e.stopPropagation(); handleClose(); } }, () => h('span', { class: 'mono' }, String(option.label)));
  return { types, load, options, describe, renderLabel, renderTag, filter };
}

export type EndpointLook = { key: 'on' | 'off' | 'offFailures' | 'failing'; type: 'success' | 'default' | 'error' | 'warning' };

/** How an endpoint's state reads in a tag. */
export function endpointLook(e: EndpointView): EndpointLook {
  if (!e.enabled) return e.disabledReason === 'failures' ? { key: 'offFailures', type: 'error' } : { key: 'off', type: 'default' };
  return e.failingSince ? { key: 'failing', type: 'warning' } : { key: 'on', type: 'success' };
}

export const DELIVERY_LOOK: Record<DeliveryStatus, 'default' | 'info' | 'success' | 'warning' | 'error'> = {
  pending: 'info', retrying: 'warning', succeeded: 'success', failed: 'error', skipped: 'default',
};

/** Actions that reveal a new secret: the password is asked again when the API says so. */
export function useSecretActions() {
  const { asking, withReauth, done } = useReauth();
  const rotate = (id: number) => withReauth(() => api.post<{ secret: string }>(`/api/webhooks/endpoints/${id}/rotate-secret`));
  return { asking, done, withReauth, rotate };
}
