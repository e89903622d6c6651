/** A message module: the same keys in English and Chinese, side by side so they stay complete. */
export interface MessageModule {
  en: Record<string, unknown>;
  'zh-CN': Record<string, unknown>;
}

export const defineMessages = <T extends MessageModule>(m: T): T => m;
