/** The plugin's name in the nav, on its page and in the role editor (`pnpm create-plugin --name … --name-zh …` writes this file). */
export const pluginName = { en: 'Template', 'zh-CN': '模板' } as const;
