// Copy the front-end libraries' dist files into the Python package, so the web UI needs no CDN
// and no npm at run time. Run after `npm ci`: `node copy-assets.mjs` (or `npm run build`).
// The world-atlas TopoJSON is turned into plain GeoJSON here, so the browser needs no topojson code.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const vendor = join(here, "..", "src", "eventwatch", "web", "static", "vendor");

function copy(from, to) {
  mkdirSync(dirname(join(vendor, to)), { recursive: true });
  copyFileSync(join(modules, from), join(vendor, to));
}

copy("leaflet/dist/leaflet.js", "leaflet/leaflet.js");
copy("leaflet/dist/leaflet.css", "leaflet/leaflet.css");
copy("leaflet/LICENSE", "leaflet/LICENSE");
for (const image of ["marker-icon.png", "marker-icon-2x.png", "marker-shadow.png", "layers.png", "layers-2x.png"]) {
  copy(`leaflet/dist/images/${image}`, `leaflet/images/${image}`);
}

// Natural Earth 110m country outlines (public domain) as packaged by world-atlas (ISC).
const topology = JSON.parse(readFileSync(join(modules, "world-atlas", "countries-110m.json"), "utf8"));
const countries = feature(topology, topology.objects.countries);
// Antarctica's outline runs along the map's bottom edge and draws a line across the world; no news
// event is placed there often enough to keep it. Rings that cross the antimeridian (Chukotka, Fiji)
// jump from +180 to -180; moving their western half east by 360 degrees draws them whole.
countries.features = countries.features.filter((f) => f.properties.name !== "Antarctica");
const mendRing = (ring) => {
  const crosses = ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180);
  return crosses ? ring.map(([lon, lat]) => [lon < 0 ? lon + 360 : lon, lat]) : ring;
};
for (const f of countries.features) {
  const g = f.geometry;
  if (g.type === "Polygon") g.coordinates = g.coordinates.map(mendRing);
  if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map((poly) => poly.map(mendRing));
}
mkdirSync(join(vendor, "world-atlas"), { recursive: true });
// Four decimals is ~10 m: far finer than 110m data, and keeps the file small.
const rounded = JSON.stringify(countries, (key, value) =>
  typeof value === "number" && key !== "id" ? Math.round(value * 1e4) / 1e4 : value,
);
writeFileSync(join(vendor, "world-atlas", "countries-110m.geojson"), rounded);
copy("world-atlas/LICENSE", "world-atlas/LICENSE");

const versions = Object.fromEntries(
  ["leaflet", "world-atlas", "topojson-client"].map((name) => [
    name,
    JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8")).version,
  ]),
);
writeFileSync(join(vendor, "VERSIONS.json"), JSON.stringify(versions, null, 2) + "\n");
console.log("copied front-end assets to", vendor, versions);
