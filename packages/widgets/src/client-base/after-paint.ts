/**
 * Resolves after the next frame is painted, or after 100 ms in a hidden page, which paints no
 * frames (a background tab must still finish loading).
 */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(t);
        resolve();
      }),
    );
  });
}
