import '@crmkit/core/provider/crm-provider.js';
import '@crmkit/widgets/client-timeline/crm-client-timeline.js';
import '@crmkit/widgets/activity-counters/crm-activity-counters.js';
import '@crmkit/adapter-mock/register.js';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
