/**
 * A small front end for the CMS, from API v3 alone: the landing page, the newsroom filtered
 * by a tag, one release and the roadmap, printed as plain text.
 *
 *   node dist/main.js http://127.0.0.1:8000 [tag-slug]
 *
 * Every type comes from the OpenAPI document (`manage.py export_openapi` → openapi-typescript
 * → src/cms-api.d.ts); requests go through openapi-fetch, so paths, parameters and responses
 * are all checked by `tsc --strict`. Pages are told apart by their fields (`"hero_heading" in
 * page`), never by a cast.
 */
import createClient from "openapi-fetch";

import type { components, paths } from "./cms-api.js";

type Schemas = components["schemas"];
type PageDetail =
  paths["/api/v3/pages/{page_id}/"]["get"]["responses"][200]["content"]["application/json"];
type PageType = NonNullable<
  NonNullable<paths["/api/v3/pages/"]["get"]["parameters"]["query"]>["type"]
>[number];

const [baseUrl = "http://127.0.0.1:8000", wantedTag] = process.argv.slice(2);
const api = createClient<paths>({ baseUrl });
const lines: string[] = [];
const say = (line = ""): void => {
  lines.push(line);
};

/** Rich text (HTML) as one line of plain text. */
function text(html: string | null | undefined): string {
  return (html ?? "")
    .replace(/<[^>]*>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

class APIError extends Error {}

async function pageOfType(type: PageType): Promise<PageDetail> {
  const { data: list, error } = await api.GET("/api/v3/pages/", {
    params: { query: { type: [type], locale: "en", limit: 1 } },
  });
  if (error !== undefined) throw new APIError(`${type}: ${error.title}`);
  const first = list.items[0];
  if (first === undefined) throw new APIError(`no ${type} is published`);
  const { data: page, error: detailError } = await api.GET("/api/v3/pages/{page_id}/", {
    params: { path: { page_id: first.id } },
  });
  if (detailError !== undefined) throw new APIError(`${type} ${first.id}: ${detailError.title}`);
  return page;
}

function landing(page: PageDetail): void {
  if (!("hero_heading" in page)) throw new APIError("not a landing page");
  say(`# ${page.title}`);
  say(page.hero_heading);
  say(text(page.intro));
  if (page.hero_image) say(`[hero ${page.hero_image.width}x${page.hero_image.height}: ${page.hero_image.alt}]`);
  for (const block of page.body) {
    switch (block.type) {
      case "rich_text_section":
        say(`## ${block.value.heading}`);
        say(text(block.value.body));
        break;
      case "community_callout":
        say(`## ${block.value.heading} → ${block.value.call_to_action.label}`);
        break;
      case "featured_page_card":
        say(`## Featured: ${block.value.page?.title ?? block.value.heading}`);
        break;
      case "resource_section":
        say(`## ${block.value.heading} (${block.value.items.length} resources)`);
        break;
    }
  }
}

async function newsroom(tag: string | undefined): Promise<number | undefined> {
  const { data: tags, error } = await api.GET("/api/v3/releases/tags/");
  if (error !== undefined) throw new APIError("release tags");
  const chosen = tags.find((t) => t.slug === tag) ?? tags[0];
  const query = chosen ? { tag: [chosen.slug], limit: 5 } : { limit: 5 };
  const { data: releases, error: listError } = await api.GET("/api/v3/releases/", {
    params: { query },
  });
  if (listError !== undefined) throw new APIError(`releases: ${listError.title}`);
  say();
  say(`# Newsroom${chosen ? ` — tag: ${chosen.name} (${chosen.count})` : ""}`);
  say(`${releases.count} releases`);
  for (const release of releases.items) {
    const tagNames = release.tags.map((t) => t.name).join(", ");
    say(`- ${release.release_date} ${release.title} [${tagNames}] ${release.status.label}`);
  }
  return releases.items[0]?.id;
}

async function release(id: number): Promise<void> {
  const { data: page, error } = await api.GET("/api/v3/pages/{page_id}/", {
    params: { path: { page_id: id } },
  });
  if (error !== undefined) throw new APIError(`release ${id}: ${error.title}`);
  if (!("release_status" in page && "contacts" in page)) throw new APIError("not a release");
  say();
  say(`# Release: ${page.title}`);
  say(`${page.release_status?.label ?? ""} ${page.release_date ?? ""} ${page.dateline ?? ""}`);
  say(page.summary);
  for (const block of page.body) {
    switch (block.type) {
      case "paragraph":
        say(text(block.value));
        break;
      case "statement":
        say(`“${block.value.quote}” — ${block.value.speaker_name}`);
        break;
      case "image":
        say(`[image: ${block.value?.image.alt ?? "missing"}]`);
        break;
      case "embed":
        say(`[embed: ${block.value.oembed?.title ?? block.value.url}]`);
        break;
      case "call_to_action":
        say(`→ ${block.value.label}: ${block.value.url ?? ""}`);
        break;
    }
  }
  for (const contact of page.contacts ?? []) say(`Contact: ${contact.name}`);
}

function roadmap(page: PageDetail): void {
  if (!("priorities" in page)) throw new APIError("not a roadmap");
  say();
  say(`# Roadmap: ${page.title}`);
  const progress: Schemas["ProgressDict"] | null | undefined = page.progress;
  if (progress) say(`Progress: ${progress.complete}/${progress.total} (${progress.percent}%)`);
  for (const priority of page.priorities) {
    const value = priority.value;
    say(`## ${value.title} — ${value.progress.complete}/${value.progress.total}`);
    for (const action of value.actions) say(`- [${action.status_label}] ${action.title}`);
  }
}

async function main(): Promise<void> {
  landing(await pageOfType("equity.EquityLandingPage"));
  const first = await newsroom(wantedTag);
  if (first !== undefined) await release(first);
  roadmap(await pageOfType("equity.EquityRoadmapPage"));
  process.stdout.write(lines.join("\n") + "\n");
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
