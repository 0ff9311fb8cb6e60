// `npm run bench:review`: how well and how fast Headway reviews plans. A report: it exits 0
// whether or not targets are met, and 1 only when the labelled set cannot be read.

import { benchLanguage } from "./review-language.js";
import { benchPlanReview } from "./review-plan.js";

try {
  const language = benchLanguage();
  for (const line of language.lines) console.log(line);
  console.log("");
  console.log(language.ok ? "Language: all targets met." : "Language: some targets not met.");
  console.log("");
  const plan = benchPlanReview();
  for (const line of plan.lines) console.log(line);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
