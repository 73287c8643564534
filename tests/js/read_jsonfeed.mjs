// Reads a JSON Feed with @extractus/feed-extractor (a feed reader's parser for RSS, Atom and
// JSON Feed) and prints what it found, as JSON, for the Python tests.
import { readFileSync } from "node:fs";
import { extractFromJson } from "@extractus/feed-extractor";

const feed = extractFromJson(JSON.parse(readFileSync(process.argv[2], "utf8")), { normalization: true });
process.stdout.write(JSON.stringify(feed));
