import type { Schemas } from '../api/client';

/**
 * `GET /api/attempts/:attemptId/player` (docs/player.md), as the generated contract describes it; the
 * contract leaves the parsed manifest organization open, and the player reads it as below.
 */
export type PlayerData = Omit<Schemas['PlayerDataView'], 'organization'> & {
  organization: ManifestOrganization | null;
};
export type PlayerItem = Schemas['PlayerItemView'];

/** `POST /api/courses/:id/launch` and `POST /api/attempts/:id/items/:itemId/launch`. */
export type LaunchAnswer = Schemas['LaunchView'];

// The parsed manifest organization, as libs/scorm's manifest parser writes it (the subset used here).

export interface ManifestOrganization {
  identifier: string;
  title: string;
  objectivesGlobalToSystem?: boolean;
  sequencing: Sequencing | null;
  items: ManifestItem[];
}

export interface ManifestItem {
  identifier: string;
  title: string;
  identifierref: string | null;
  isvisible: boolean;
  launchable: boolean;
  sequencing: Sequencing | null;
  presentation?: { hideLMSUI: string[] } | null;
  /** `<adlcp:data><adlcp:map>` (SCORM 2004 4th shared data). */
  sharedDataMaps?: SharedDataMap[];
  children: ManifestItem[];
}

export interface SharedDataMap {
  targetID: string;
  readSharedData: boolean;
  writeSharedData: boolean;
}

export interface Sequencing {
  controlMode: ControlMode | null;
  sequencingRules: SequencingRules | null;
  limitConditions: { attemptLimit: number | null; attemptAbsoluteDurationLimit: string | null } | null;
  rollupRules: RollupRules | null;
  objectives: { primary: SequencingObjective | null; others: SequencingObjective[] } | null;
  deliveryControls: { tracked: boolean; completionSetByContent: boolean; objectiveSetByContent: boolean } | null;
  constrainedChoiceConsiderations: { preventActivation: boolean; constrainChoice: boolean } | null;
  rollupConsiderations: {
    requiredForSatisfied: RollupConsideration;
    requiredForNotSatisfied: RollupConsideration;
    requiredForCompleted: RollupConsideration;
    requiredForIncomplete: RollupConsideration;
    measureSatisfactionIfActive: boolean;
  } | null;
}

export type RollupConsideration = 'always' | 'ifAttempted' | 'ifNotSkipped' | 'ifNotSuspended';

export interface ControlMode {
  choice: boolean;
  choiceExit: boolean;
  flow: boolean;
  forwardOnly: boolean;
  useCurrentAttemptObjectiveInfo: boolean;
  useCurrentAttemptProgressInfo: boolean;
}

export interface RuleCondition {
  referencedObjective: string | null;
  measureThreshold: number;
  operator: 'noOp' | 'not';
  condition: string;
}

export interface SequencingRule {
  conditionCombination: 'all' | 'any';
  conditions: RuleCondition[];
  action: string;
}

export interface SequencingRules {
  preConditionRules: SequencingRule[];
  exitConditionRules: SequencingRule[];
  postConditionRules: SequencingRule[];
}

export interface RollupRules {
  rollupObjectiveSatisfied: boolean;
  rollupProgressCompletion: boolean;
  objectiveMeasureWeight: number;
  rules: {
    childActivitySet: 'all' | 'any' | 'none' | 'atLeastCount' | 'atLeastPercent';
    minimumCount: number;
    minimumPercent: number;
    conditionCombination: 'all' | 'any';
    conditions: { operator: 'noOp' | 'not'; condition: string }[];
    action: 'satisfied' | 'notSatisfied' | 'completed' | 'incomplete';
  }[];
}

export interface SequencingObjective {
  objectiveID: string | null;
  satisfiedByMeasure: boolean;
  minNormalizedMeasure: number;
  mapInfo: {
    targetObjectiveID: string;
    readSatisfiedStatus: boolean;
    readNormalizedMeasure: boolean;
    writeSatisfiedStatus: boolean;
    writeNormalizedMeasure: boolean;
  }[];
}
