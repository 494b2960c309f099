// @ts-check
/// <reference types="leaflet.markercluster" />
// The case map: the cases with coordinates as dots coloured by status, clustered when zoomed
// out, over the tile server's map or, without one, over the directory's region outlines.
import { api } from "./api.js";
import { el, field, select } from "./dom.js";
import { catName, fmtDate } from "./format.js";
import { filterBar, layout } from "./layout.js";
import { navigate } from "./nav.js";
import { label, reference, state, t, tf } from "./state.js";

/**
 * @typedef {{ trackingNo: string, latitude: number, longitude: number, status: string, categoryCode: string, submittedAt: string }} MapPoint
 * @typedef {{ tiles: { url: string, attribution: string } | null, outlines: import("geojson").FeatureCollection, pointLimit: number }} MapSetup
 */

/** @type {import("leaflet").Map | null} */
let shown = null;

/**
 * The box a link asks the map to show (`bounds=south,west,north,east`, e.g. from a hot spot);
 * null when absent or malformed.
 * @param {URLSearchParams} params
 * @returns {[[number, number], [number, number]] | null}
 */
function focusOf(params) {
  const numbers = (params.get("bounds") ?? "").split(",").map(Number);
  if (numbers.length !== 4 || !numbers.every(Number.isFinite)) return null;
  const [south, west, north, east] = /** @type {[number, number, number, number]} */ (numbers);
  return [
    [south, west],
    [north, east],
  ];
}

export async function mapPage() {
  const params = new URLSearchParams(location.search);
  const focus = focusOf(params);
  const filter = new URLSearchParams(params);
  filter.delete("bounds");
  const [setup, data] = await Promise.all([
    /** @type {Promise<MapSetup>} */ (api("GET", "/api/map")),
    /** @type {Promise<{ limit: number, more: boolean, points: MapPoint[] }>} */ (
      api("GET", `/api/map/cases?${filter}`)
    ),
  ]);
  const statuses = Object.keys(reference().labels.status);
  const subtitle = data.more
    ? tf("mapLimited", { count: data.points.length, limit: data.limit })
    : tf("mapShowing", { count: data.points.length });
  const container = el("div", { id: "case-map", class: "case-map card" });
  const page = layout(
    "map",
    t("mapTitle"),
    `${subtitle} · ${t("mapWithoutCoordinates")}`,
    [],
    el(
      "div",
      {},
      filterBar(params, (q) => navigate(`/console/map?${q}`), [
        field(
          t("statusLabel"),
          select(
            "status",
            [["", t("all")], ...statuses.map((s) => [s, label("status", s)])],
            params.get("status") || "",
          ),
        ),
      ]),
      container,
      el(
        "div",
        { class: "map-legend" },
        statuses.map((s) =>
          el(
            "span",
            { class: "map-legend-item" },
            el("span", { class: `map-dot status-${s}` }),
            label("status", s),
          ),
        ),
      ),
    ),
  );
  requestAnimationFrame(() => drawMap(container, setup, data.points, focus));
  return page;
}

/**
 * @param {HTMLElement} container
 * @param {MapSetup} setup
 * @param {MapPoint[]} points
 * @param {[[number, number], [number, number]] | null} focus
 */
function drawMap(container, setup, points, focus) {
  shown?.remove();
  shown = null;
  // Leaflet and its clustering plugin are vendor scripts the shell loads (/console/assets/vendor/).
  const L = /** @type {Window & { L?: typeof import("leaflet") }} */ (window).L;
  if (!L || !container.isConnected) return;
  // The clustering needs the map's deepest zoom; 18 is the usual depth of tile servers.
  const map = L.map(container, { maxZoom: 18 });
  shown = map;
  map.attributionControl.setPrefix(false);
  if (setup.tiles) {
    L.tileLayer(setup.tiles.url, { attribution: setup.tiles.attribution }).addTo(map);
  }
  const outlines = L.geoJSON(setup.outlines, {
    interactive: false,
    style: (feature) =>
      feature?.properties.level === "city"
        ? { className: "map-city", weight: 2, fill: false }
        : {
            className: "map-region",
            weight: 1,
            fillOpacity: setup.tiles ? 0 : 0.6,
          },
  }).addTo(map);
  if (!setup.tiles) {
    // The names lie under the cases (Leaflet's tooltips would lie over them).
    map.createPane("region-labels").style.zIndex = "450";
    for (const f of setup.outlines.features) {
      const p = f.properties;
      if (!p || p.level === "city" || !p.seat) continue;
      L.tooltip({
        permanent: true,
        direction: "center",
        className: "map-region-label",
        pane: "region-labels",
      })
        .setLatLng(p.seat)
        .setContent(state.lang === "zh" ? p.name : p.nameEn)
        .addTo(map);
    }
  }
  const markers = points.map((p) =>
    L.marker([p.latitude, p.longitude], {
      icon: L.divIcon({ className: `map-dot status-${p.status}`, iconSize: [14, 14] }),
      title: p.trackingNo,
    }).bindPopup(() => popup(p)),
  );
  // The view first: the clustering reads the map's zoom when it is added.
  const bounds = outlines.getBounds();
  if (focus) {
    // A finding's box, drawn so the clerk sees which dots it is; a margin of about 30 m keeps
    // a box of one spot or one street line visible.
    const [[south, west], [north, east]] = focus;
    const box = L.latLngBounds([south - 3e-4, west - 3e-4], [north + 3e-4, east + 3e-4]);
    map.fitBounds(box.pad(0.5), { maxZoom: 17 });
    // After the view: a path is drawn in the pixels of the map's view.
    L.rectangle(box, { className: "map-focus", weight: 2, fill: false, interactive: false }).addTo(
      map,
    );
  } else if (bounds.isValid()) map.fitBounds(bounds);
  else if (markers.length) map.fitBounds(L.featureGroup(markers).getBounds());
  else map.setView([0, 0], 2);
  const cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 });
  cluster.addLayers(markers);
  map.addLayer(cluster);
}

/** @param {MapPoint} p */
function popup(p) {
  const href = `/console/cases/${p.trackingNo}`;
  return el(
    "div",
    { class: "map-popup" },
    el("strong", {}, p.trackingNo),
    el("div", {}, catName(p.categoryCode), " · ", label("status", p.status)),
    el("div", { class: "muted" }, fmtDate(p.submittedAt)),
    el(
      "a",
      {
        href,
        class: "map-popup-link",
        // Leaflet stops clicks inside a popup from reaching the router's listener.
        onclick: (/** @type {MouseEvent} */ e) => {
          e.preventDefault();
          navigate(href);
        },
      },
      t("openCase"),
    ),
  );
}
