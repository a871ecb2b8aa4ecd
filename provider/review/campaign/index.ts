/** Access review campaigns: owners' sheets, their decisions applied to the manifest, and the record of both. */
export { type ApplyInput, type ApplyOutcome, applyReview, formatSheetIssue } from "./apply-review";
export { applySummary } from "./apply-summary";
export { buildCampaign, CAMPAIGN_INDEX_FILE, type Campaign, type CampaignSheet, campaignFiles } from "./campaign";
export { type BackingGrant, type CampaignRow, campaignRows, type OwnerSheetRows, rowId } from "./campaign-rows";
export { parseSheet, SHEET_COLUMNS, type SheetCells, sheetCsv } from "./campaign-sheet";
export { type CheckedDecision, type SheetFile, type SheetIssue, checkSheets } from "./check-sheets";
export { type Decision, endOfDay, parseDecision } from "./decision";
export { editManifestText, type ManifestEdit } from "./manifest-edit";
export { lastReviewSection } from "./last-review-section";
export { type EditPlan, type PlannedChange, type PlannedDecision, planEdits } from "./plan-edits";
export {
  parseReviewRecord,
  REVIEW_RECORD_SCHEMA_VERSION,
  type ReviewRecord,
  type ReviewRun,
  recordFileName,
} from "./review-record";
