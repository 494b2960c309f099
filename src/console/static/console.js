// @ts-check
// The staff console: a small app without a build step, calling /api. Each module is one concern.
import { render } from "./router.js";

render();
