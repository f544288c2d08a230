import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { mergedManifest } from '../stories/support/manifest.js';

// Controls, argTypes and docs come from the custom-elements manifests of core and widgets (built
// from the elements' JSDoc by scripts/manifest.mjs, which the storybook scripts run first).
setCustomElementsManifest(mergedManifest);

/**
 * Toolbar switches for the two things every widget must get right: language (Russian first)
 * and theme. They set `<html lang>` and a theme class, exactly as an embedding page would.
 */
const preview: Preview = {
  globalTypes: {
    lang: {
      description: 'UI language',
      toolbar: { title: 'Язык / Language', icon: 'globe', items: [{ value: 'ru', title: 'Русский' }, { value: 'en', title: 'English' }], dynamicTitle: true },
    },
    theme: {
      description: 'Theme',
      toolbar: { title: 'Theme', icon: 'mirror', items: ['light', 'dark'], dynamicTitle: true },
    },
  },
  initialGlobals: { lang: 'ru', theme: 'light' },
  decorators: [
    (story, context) => {
      document.documentElement.lang = String(context.globals.lang ?? 'ru');
      document.body.classList.toggle('crm-theme-dark', context.globals.theme === 'dark');
      document.body.classList.toggle('crm-theme-light', context.globals.theme !== 'dark');
      document.body.style.background = context.globals.theme === 'dark' ? '#0d1117' : '#ffffff';
      return story();
    },
  ],
  parameters: {
    controls: { expanded: true },
    layout: 'padded',
  },
};

export default preview;
