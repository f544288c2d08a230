import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts', '../stories/**/*.mdx'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    // Stories read the packages' TypeScript sources, like the demo and the tests.
    viteConfig.resolve ??= {};
    viteConfig.resolve.conditions = ['crmkit-source', 'browser', 'module', 'import', 'default'];
    return viteConfig;
  },
};

export default config;
