// @ts-check
// The image of an image view, beneath its regions (SVG, js/_region_svg.js); part of
// js/image_regions.js. An <img> placed and sized by CSS for the view: the browser keeps its
// pixels and a drag or a region change does not touch it. A <canvas> here was produced again
// at every commit of a drag (about 10 ms a frame of software compositing, in traces:
// benchmarks/README.md, "drag"). An image without a URL (a decoded bitmap) is drawn on a
// canvas instead. Either is updated only when what it shows changes: another image, a zoom
// or a pan, a new stage size.

/**
 * What the image layer shows; equal stamps draw the same pixels.
 * @param {{img: any, w: number, h: number} | null} image
 * @param {{scale: number, ox: number, oy: number} | null} view
 * @param {number} width stage width, CSS px
 * @param {number} height stage height, CSS px
 * @returns {any[] | null} null when there is nothing to draw
 */
export function layerStamp(image, view, width, height) {
  if (!image || !view) return null;
  return [image.img, image.w, image.h, view.scale, view.ox, view.oy, width, height];
}

/** @param {any[] | null} a @param {any[] | null} b */
export function sameStamp(a, b) {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((v, i) => v === b[i]);
}

/**
 * @param {HTMLImageElement} img the layer for images with a URL
 * @param {HTMLCanvasElement} canvas the layer for others
 */
export function imageLayer(img, canvas) {
  /** @type {any[] | null} */
  let shown = null;
  let ctx = null;
  return {
    /**
     * Show `image` at `view` unless the layer shows exactly that already.
     * @param {{img: any, w: number, h: number} | null} image
     * @param {{scale: number, ox: number, oy: number} | null} view
     * @param {[number, number]} stageSize CSS px
     */
    draw(image, view, stageSize) {
      const stamp = layerStamp(image, view, stageSize[0], stageSize[1]);
      if (sameStamp(stamp, shown)) return false;
      shown = stamp;
      const src = image && image.img && typeof image.img.src === "string" && image.img.src ? image.img.src : null;
      img.hidden = !(image && view && src);
      canvas.hidden = !(image && view && !src);
      if (!image || !view) return true;
      if (src) {
        if (img.getAttribute("src") !== src) img.src = src; // decoded already: the cache's image
        Object.assign(img.style, {
          left: `${view.ox}px`, top: `${view.oy}px`, width: `${image.w * view.scale}px`, height: `${image.h * view.scale}px`,
          imageRendering: view.scale < 4 ? "auto" : "pixelated",
        });
        return true;
      }
      const dpr = window.devicePixelRatio || 1;
      const w = Math.round(stageSize[0] * dpr);
      const h = Math.round(stageSize[1] * dpr);
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
        canvas.style.width = `${stageSize[0]}px`;
        canvas.style.height = `${stageSize[1]}px`;
      }
      ctx = ctx || canvas.getContext("2d");
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, stageSize[0], stageSize[1]);
      ctx.imageSmoothingEnabled = view.scale < 4;
      ctx.drawImage(image.img, view.ox, view.oy, image.w * view.scale, image.h * view.scale);
      return true;
    },
  };
}
