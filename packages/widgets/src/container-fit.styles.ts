import { css } from 'lit';

/**
 * Every widget's height follows its container. In a container of fixed height (a dashboard tile,
 * a Bitrix24 card tab) the host is at most as high as the container and scrolls its content inside
 * (virtualized lists follow this scroller; floating cards are `position: fixed` and not clipped).
 * In a container of auto height `100%` resolves to `none`, so the widget grows to show everything.
 * An embedder can still set `height` or `max-height` on the element itself.
 */
export const containerFitStyles = css`
  :host {
    max-block-size: 100%;
    overflow: auto;
  }
`;
