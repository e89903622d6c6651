import { abilitiesPlugin } from '@casl/vue';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';
import { router } from './router';
import { ability } from './stores/session';

createApp(App).use(createPinia()).use(i18n).use(abilitiesPlugin, ability, { useGlobalProperties: true }).use(router).mount('#app');
