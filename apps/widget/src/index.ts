// The widget package's public surface for Node: building the browser bundle. The browser code
// itself lives in ./browser and is reached only through this build.

export type { WidgetBundle } from './build.js';
/** Bundles and minifies the widget into one script (in memory), with its content hash and sizes. */
export { buildWidget } from './build.js';
