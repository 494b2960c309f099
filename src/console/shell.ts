/**
 * The one HTML page of the console: the static app's shell with the CSRF token, the language and
 * the directory's city (the app names it in its header, also on the sign-in page, before any API
 * answers a signed-out browser).
 */
import type { CityNames } from "../i18n/catalog.ts";
import { localeOf } from "./messages.ts";

/** The page for every /console path; the app in /console/assets renders the rest. */
export function renderShell(options: {
  csrfToken: string;
  lang: string | undefined;
  city: CityNames;
}): string {
  const locale = localeOf(options.lang);
  const title = locale === "en" ? "Petition Handling Console" : "信访事项办理工作台";
  return `<!doctype html>
<html lang="${locale === "en" ? "en" : "zh-CN"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${escapeHtml(options.csrfToken)}">
<meta name="city" content="${escapeHtml(options.city.city)}">
<meta name="city-en" content="${escapeHtml(options.city.cityEn)}">
<meta name="robots" content="noindex">
<title>${title}</title>
<link rel="icon" href="/console/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/console/assets/vendor/leaflet/leaflet.css">
<link rel="stylesheet" href="/console/assets/vendor/markercluster/MarkerCluster.css">
<link rel="stylesheet" href="/console/assets/vendor/markercluster/MarkerCluster.Default.css">
<link rel="stylesheet" href="/console/assets/console.css">
<script src="/console/assets/vendor/chart.umd.min.js" defer></script>
<script src="/console/assets/vendor/leaflet/leaflet.js" defer></script>
<script src="/console/assets/vendor/markercluster/leaflet.markercluster.js" defer></script>
<script type="module" src="/console/assets/console.js"></script>
</head>
<body>
<div id="app" class="boot"><div class="boot-spinner" aria-label="正在加载"></div></div>
<noscript><p class="noscript">${locale === "en" ? "The console needs JavaScript." : "工作台需要启用 JavaScript。"}</p></noscript>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
