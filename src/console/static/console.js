// @ts-check
// The staff console: a small app without a build step, calling /api. Each module is one concern;
// router.js decides which page a path shows.
import { render } from "./nav.js";
import "./router.js";

render();
