/**
 * The parsed form of a SCORM `imsmanifest.xml`. Every type here is plain data (strings, numbers,
 * booleans, arrays, plain objects, `null`): it survives `JSON.stringify` / `JSON.parse` unchanged,
 * so it can be stored in a JSON column and sent to the player as it is.
 *
 * Conventions: a value the manifest does not declare is `null` (or `[]` for lists) unless the
 * field documents a default; hrefs are package-relative paths (xml:base applied, `.`/`..`
 * resolved, percent-encoding kept as written), or absolute http(s) URLs for external assets.
 */

export type ScormStandard = 'scorm12' | 'scorm2004';

/** `null` for SCORM 1.2; for SCORM 2004 the edition of the specification (2nd = "CAM 1.3"). */
export type ScormEdition = null | '2nd' | '3rd' | '4th';

export type ScormType = 'sco' | 'asset';

export interface ParseManifestOptions {
  /** Refuse larger input (bytes; a string counts as its UTF-8 length). Default 4 MiB. */
  maxBytes?: number;
  /** Refuse elements nested deeper than this. Default 64. */
  maxDepth?: number;
  /** Refuse more elements than this. Default 100,000. */
  maxElements?: number;
  /**
   * Whether a package-relative path (percent-decoded, no query or fragment) exists in the package.
   * When given, a SCO whose launch file is missing is refused (`LAUNCH_FILE_MISSING`); missing
   * metadata files (`adlcp:location`), `<file>` entries and asset launch files are warned about.
   */
  fileExists?: (path: string) => boolean;
}

export interface ParsedManifest {
  /** `<manifest identifier>`. */
  identifier: string;
  /** `<manifest version>`, if any. */
  version: string | null;
  standard: ScormStandard;
  edition: ScormEdition;
  /** `<metadata><schemaversion>` as written (trimmed), if any. */
  schemaVersion: string | null;
  /** The default organization's title, else the first organization's, else `''`. */
  title: string;
  /** The organization to show: `organizations[default]` when it exists, else the first; `null` if none. */
  defaultOrganizationId: string | null;
  organizations: ManifestOrganization[];
  resources: ManifestResource[];
  /** `<imsss:sequencingCollection>` entries by their `ID` (already applied to the items that refer to them). */
  sequencingCollection: Record<string, Sequencing>;
  /** Every item (of every organization) that can be launched, in document order. */
  launchables: Launchable[];
  /** Launchables of type `sco`. */
  scoCount: number;
  /** Launchables of type `asset`. */
  assetCount: number;
  /** Harmless departures from the specification that were tolerated, in English. */
  warnings: string[];
}

export interface ManifestOrganization {
  identifier: string;
  /** `<title>`; the identifier when the title is missing. */
  title: string;
  /** `structure` attribute; default `hierarchical`. */
  structure: string;
  /** `adlseq:objectivesGlobalToSystem` (2004); default `true`. */
  objectivesGlobalToSystem: boolean;
  /** `adlcp:sharedDataGlobalToSystem` (2004 4th); default `true`. */
  sharedDataGlobalToSystem: boolean;
  /** The organization's own `<imsss:sequencing>` (2004), `IDRef` resolved. */
  sequencing: Sequencing | null;
  /** `adlcp:completionThreshold` on the organization (2004 4th), if any. */
  completionThreshold: CompletionThreshold | null;
  items: ManifestItem[];
}

export interface ManifestItem {
  identifier: string;
  /** `<title>`; the identifier when the title is missing. */
  title: string;
  /** The resource this item launches, as written. */
  identifierref: string | null;
  /** `isvisible`; default `true`. */
  isvisible: boolean;
  /** `parameters` as written (appended to the resource href at launch). */
  parameters: string | null;
  /** Whether this item appears in `launchables` (its identifierref resolves to a resource with an href). */
  launchable: boolean;
  // --- SCORM 1.2 (adlcp_rootv1p2) ---
  /** `adlcp:masteryscore` (0–100). */
  masteryScore: number | null;
  /** `adlcp:prerequisites` (an AICC script expression over item identifiers). */
  prerequisites: { type: string | null; expression: string } | null;
  /** `adlcp:maxtimeallowed` (1.2 timespan `HHHH:MM:SS.SS`). */
  maxTimeAllowed: string | null;
  // --- both versions ---
  /** 1.2 `adlcp:timelimitaction` / 2004 `adlcp:timeLimitAction` (`exit,message`, `continue,no message`, …). */
  timeLimitAction: string | null;
  /** 1.2 `adlcp:datafromlms` / 2004 `adlcp:dataFromLMS`: the SCO's `launch_data`. */
  dataFromLms: string | null;
  // --- SCORM 2004 ---
  /** `adlcp:completionThreshold`, either form. */
  completionThreshold: CompletionThreshold | null;
  /** `<imsss:sequencing>` with `IDRef` resolved against the sequencing collection. */
  sequencing: Sequencing | null;
  /** `<adlnav:presentation>`. */
  presentation: Presentation | null;
  /** `<adlcp:data><adlcp:map>` shared data (2004 4th). */
  sharedDataMaps: SharedDataMap[];
  children: ManifestItem[];
}

/**
 * `adlcp:completionThreshold`. 2004 2nd/3rd write it as text (`<adlcp:completionThreshold>0.8<…>`),
 * read as `{completedByMeasure: true, minProgressMeasure: 0.8, progressWeight: 1, form: 'text'}`;
 * 4th writes attributes (defaults `completedByMeasure=false`, `minProgressMeasure=1.0`,
 * `progressWeight=1.0`). `minProgressMeasure` is what the run-time loads as `cmi.completion_threshold`.
 */
export interface CompletionThreshold {
  completedByMeasure: boolean;
  minProgressMeasure: number;
  progressWeight: number;
  form: 'text' | 'attributes';
}

export interface Presentation {
  /** `adlnav:navigationInterface/adlnav:hideLMSUI` values: previous, continue, exit, exitAll, abandon, abandonAll, suspendAll. */
  hideLMSUI: string[];
}

export interface SharedDataMap {
  targetID: string;
  readSharedData: boolean;
  writeSharedData: boolean;
}

export interface ManifestResource {
  identifier: string;
  /** `type` attribute (normally `webcontent`). */
  type: string;
  /** `adlcp:scormtype` (1.2) / `adlcp:scormType` (2004); `asset` when missing or unknown (warned). */
  scormType: ScormType;
  /** The launch location with every xml:base applied; `null` when the resource has none. */
  href: string | null;
  /** Whether `href` is an absolute http(s) URL outside the package (assets only). */
  external: boolean;
  /** The combined xml:base (manifest + resources + resource), normalised, `''` when none. */
  base: string;
  /** `<file href>` with xml:base applied. */
  files: string[];
  /** `<dependency identifierref>` values. */
  dependencies: string[];
}

export interface Launchable {
  organizationIdentifier: string;
  itemIdentifier: string;
  title: string;
  resourceIdentifier: string;
  type: ScormType;
  /** Resource href with xml:base applied and the item's `parameters` joined per SCORM CAM. */
  href: string;
  /** Whether `href` is an external http(s) URL (assets only). */
  external: boolean;
  isvisible: boolean;
  /** Run-time initialisation data, copied from the item for the player. */
  dataFromLms: string | null;
  masteryScore: number | null;
  maxTimeAllowed: string | null;
  timeLimitAction: string | null;
  completionThreshold: CompletionThreshold | null;
}

// ---------------------------------------------------------------------------------------------
// IMS Simple Sequencing (imsss) with the ADL extensions (adlseq), as used by SCORM 2004.
// An element the manifest does not declare is `null`: the sequencing engine's defaults apply
// (DEFAULT_* constants in sequencing.ts). An element that is declared has every attribute
// filled in, with the specification's default for attributes left out.
// ---------------------------------------------------------------------------------------------

export interface Sequencing {
  /** `ID` (entries of the sequencing collection). */
  id: string | null;
  /** `IDRef` as written (already merged in: the item's own elements override the collection's). */
  idRef: string | null;
  controlMode: ControlMode | null;
  sequencingRules: SequencingRules | null;
  limitConditions: LimitConditions | null;
  auxiliaryResources: AuxiliaryResource[];
  rollupRules: RollupRules | null;
  objectives: SequencingObjectives | null;
  randomizationControls: RandomizationControls | null;
  deliveryControls: DeliveryControls | null;
  /** `adlseq:constrainedChoiceConsiderations`. */
  constrainedChoiceConsiderations: ConstrainedChoiceConsiderations | null;
  /** `adlseq:rollupConsiderations`. */
  rollupConsiderations: RollupConsiderations | null;
  /** `adlseq:objectives` (2004 4th: extra map info for scores, completion, progress). */
  adlObjectives: AdlObjective[];
}

export interface ControlMode {
  /** default true */
  choice: boolean;
  /** default true */
  choiceExit: boolean;
  /** default false */
  flow: boolean;
  /** default false */
  forwardOnly: boolean;
  /** default true */
  useCurrentAttemptObjectiveInfo: boolean;
  /** default true */
  useCurrentAttemptProgressInfo: boolean;
}

export type RuleConditionName =
  | 'satisfied'
  | 'objectiveStatusKnown'
  | 'objectiveMeasureKnown'
  | 'objectiveMeasureGreaterThan'
  | 'objectiveMeasureLessThan'
  | 'completed'
  | 'activityProgressKnown'
  | 'attempted'
  | 'attemptLimitExceeded'
  | 'timeLimitExceeded'
  | 'outsideAvailableTimeRange'
  | 'always';

export type PreConditionAction = 'skip' | 'disabled' | 'hiddenFromChoice' | 'stopForwardTraversal';
export type ExitConditionAction = 'exit';
export type PostConditionAction = 'exitParent' | 'exitAll' | 'retry' | 'retryAll' | 'continue' | 'previous';

export interface RuleCondition {
  /** The objective the condition reads; `null` = the activity's primary objective. */
  referencedObjective: string | null;
  /** default 0.0 (used by the measure conditions) */
  measureThreshold: number;
  /** default `noOp` */
  operator: 'noOp' | 'not';
  condition: RuleConditionName;
}

export interface SequencingRule<A extends string = string> {
  /** default `all` */
  conditionCombination: 'all' | 'any';
  conditions: RuleCondition[];
  action: A;
}

export interface SequencingRules {
  preConditionRules: SequencingRule<PreConditionAction>[];
  exitConditionRules: SequencingRule<ExitConditionAction>[];
  postConditionRules: SequencingRule<PostConditionAction>[];
}

export interface LimitConditions {
  /** Non-negative integer; `null` = no limit. */
  attemptLimit: number | null;
  /** xs:duration (e.g. `PT1H30M`); `null` = no limit. */
  attemptAbsoluteDurationLimit: string | null;
}

export interface AuxiliaryResource {
  auxiliaryResourceID: string;
  purpose: string;
}

export type RollupConditionName =
  | 'satisfied'
  | 'objectiveStatusKnown'
  | 'objectiveMeasureKnown'
  | 'completed'
  | 'activityProgressKnown'
  | 'attempted'
  | 'attemptLimitExceeded'
  | 'timeLimitExceeded'
  | 'outsideAvailableTimeRange';

export interface RollupRule {
  /** default `all` */
  childActivitySet: 'all' | 'any' | 'none' | 'atLeastCount' | 'atLeastPercent';
  /** default 0 */
  minimumCount: number;
  /** default 0.0 */
  minimumPercent: number;
  /** default `any` */
  conditionCombination: 'all' | 'any';
  conditions: { operator: 'noOp' | 'not'; condition: RollupConditionName }[];
  action: 'satisfied' | 'notSatisfied' | 'completed' | 'incomplete';
}

export interface RollupRules {
  /** default true */
  rollupObjectiveSatisfied: boolean;
  /** default true */
  rollupProgressCompletion: boolean;
  /** default 1.0 */
  objectiveMeasureWeight: number;
  rules: RollupRule[];
}

export interface ObjectiveMapInfo {
  targetObjectiveID: string;
  /** default true */
  readSatisfiedStatus: boolean;
  /** default true */
  readNormalizedMeasure: boolean;
  /** default false */
  writeSatisfiedStatus: boolean;
  /** default false */
  writeNormalizedMeasure: boolean;
}

export interface SequencingObjective {
  /** Required for non-primary objectives; may be `null` on the primary one. */
  objectiveID: string | null;
  /** default false */
  satisfiedByMeasure: boolean;
  /** default 1.0 */
  minNormalizedMeasure: number;
  mapInfo: ObjectiveMapInfo[];
}

export interface SequencingObjectives {
  primary: SequencingObjective | null;
  others: SequencingObjective[];
}

export interface RandomizationControls {
  /** default `never` */
  randomizationTiming: 'never' | 'once' | 'onEachNewAttempt';
  /** `null` = select all children */
  selectCount: number | null;
  /** default false */
  reorderChildren: boolean;
  /** default `never` */
  selectionTiming: 'never' | 'once' | 'onEachNewAttempt';
}

export interface DeliveryControls {
  /** default true */
  tracked: boolean;
  /** default false */
  completionSetByContent: boolean;
  /** default false */
  objectiveSetByContent: boolean;
}

export interface ConstrainedChoiceConsiderations {
  /** default false */
  preventActivation: boolean;
  /** default false */
  constrainChoice: boolean;
}

export type RollupConsideration = 'always' | 'ifAttempted' | 'ifNotSkipped' | 'ifNotSuspended';

export interface RollupConsiderations {
  /** default `always` (all four) */
  requiredForSatisfied: RollupConsideration;
  requiredForNotSatisfied: RollupConsideration;
  requiredForCompleted: RollupConsideration;
  requiredForIncomplete: RollupConsideration;
  /** default true */
  measureSatisfactionIfActive: boolean;
}

export interface AdlObjectiveMapInfo {
  targetObjectiveID: string;
  /** reads default true, writes default false */
  readRawScore: boolean;
  readMinScore: boolean;
  readMaxScore: boolean;
  readCompletionStatus: boolean;
  readProgressMeasure: boolean;
  writeRawScore: boolean;
  writeMinScore: boolean;
  writeMaxScore: boolean;
  writeCompletionStatus: boolean;
  writeProgressMeasure: boolean;
}

export interface AdlObjective {
  /** Matches an `imsss:objective` / `imsss:primaryObjective` objectiveID of the same activity. */
  objectiveID: string;
  mapInfo: AdlObjectiveMapInfo[];
}
