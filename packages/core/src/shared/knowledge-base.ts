/** The knowledge base's fixed lists, shared by schema, validation and the web app. */
export const KB_LANGUAGES = ['en', 'zh-CN'] as const;
export type KbLanguage = (typeof KB_LANGUAGES)[number];

export const KB_STATUSES = ['draft', 'published'] as const;
export type KbStatus = (typeof KB_STATUSES)[number];

/** What an article concerns: the products of PRODUCT.md's usage section, plus the console itself and "general". */
export const KB_PRODUCTS = ['rtc', 'rtm', 'cloud-recording', 'on-premise-recording', 'mini-app', 'cdn-live', 'transcoding', 'console', 'general'] as const;
export type KbProduct = (typeof KB_PRODUCTS)[number];
