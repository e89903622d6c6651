import { defineAsyncComponent, type Component } from 'vue';
import type { LazyComponent, WebPlugin } from './types';

/** The slots a plugin may fill, by the name of their list in its web entry. */
export type SlotName = 'nav' | 'widgets' | 'projectTabs' | 'companySettings' | 'auditActions';

/** One entry of a slot and the plugin it came from (its switch decides whether it shows). */
export type Placed<K extends SlotName> = NonNullable<WebPlugin[K]>[number] & { plugin: string };

/** Every installed plugin's entries of one slot, each with its plugin's id; in `order` where the slot has one. */
export function slotEntries<K extends SlotName>(plugins: readonly WebPlugin[], slot: K): Placed<K>[] {
  const entries = plugins.flatMap((p) => ((p[slot] ?? []) as NonNullable<WebPlugin[K]>).map((e) => ({ ...e, plugin: p.manifest.id }) as Placed<K>));
  return entries.sort((a, b) => orderOf(a) - orderOf(b));
}

const orderOf = (e: object): number => ('order' in e && typeof e.order === 'number' ? e.order : 0);

const loaded = new WeakMap<LazyComponent, Component>();

/** A slot entry's lazy component as one async component, however often the slot re-renders. */
export function lazyComponent(loader: LazyComponent): Component {
  let c = loaded.get(loader);
  if (!c) loaded.set(loader, (c = defineAsyncComponent(loader)));
  return c;
}
