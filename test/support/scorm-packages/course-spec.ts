/**
 * What a generated SCORM package is made of. A {@link CourseSpec} is plain data: the presets in
 * `presets.ts` build the project's standard packages from it, and tests build variants by copying
 * and changing one (more SCOs, other sequencing, another edition). See README.md in this folder.
 */

/** `1.2`, or SCORM 2004 by edition (`2nd` is "CAM 1.3"). */
export type ScormVersion = '1.2' | '2004-2nd' | '2004-3rd' | '2004-4th';

/** A question the SCO page records as a `cmi.interactions.n` entry when "Record answers" is pressed. */
export interface InteractionSpec {
  id: string;
  /** SCORM interaction type; `choice`, `true-false`, `fill-in` and `numeric` are what the page writes. */
  type: 'choice' | 'true-false' | 'fill-in' | 'numeric';
  /** The correct response pattern, also what the page records as the learner's response. */
  correct: string;
  /** 2004 only: `cmi.interactions.n.description`. */
  description?: string;
  /** 2004: `cmi.interactions.n.objectives.0.id`; 1.2: `cmi.interactions.n.objectives.0.id`. */
  objectiveId?: string;
}

/** What the SCO's page offers and reports, beside its standard buttons (see sco.js). */
export interface ScoPageSpec {
  /** Objective ids the page can pass or fail (one "Pass objective …" / "Fail objective …" button each). */
  objectives?: string[];
  interactions?: InteractionSpec[];
  /** Text shown on the page under the heading. */
  body?: string;
}

/**
 * One item of the organization. With `children` it is a cluster (no resource); otherwise it
 * launches its own page `content/<id>.html`, as a SCO or an asset.
 */
export interface ItemSpec {
  /** The item identifier; its resource is `<id>_resource`, its page `content/<id>.html`. */
  id: string;
  title: string;
  /** Default `sco`. An asset's page makes no run-time calls. */
  kind?: 'sco' | 'asset';
  /** `parameters` of the item (e.g. `?part=2`), joined to the launch href by the LMS. */
  parameters?: string;
  /** `isvisible`; default true (not written). */
  isvisible?: boolean;
  /** 1.2 `adlcp:masteryscore` (0–100). */
  masteryScore?: number;
  /** 1.2 `adlcp:prerequisites` (AICC script over item identifiers). */
  prerequisites?: string;
  /** `adlcp:datafromlms` / `adlcp:dataFromLMS`: the SCO's `launch_data`. */
  dataFromLms?: string;
  /**
   * 2004 `adlcp:completionThreshold`: written as attributes for the 4th edition, as text
   * (`minProgressMeasure` only, completed by measure) for the 2nd and 3rd.
   */
  completionThreshold?: { completedByMeasure?: boolean; minProgressMeasure: number; progressWeight?: number };
  /** 2004: the item's `<imsss:sequencing>` element, written as given (use the `seq` helpers or raw XML). */
  sequencing?: string;
  /** 2004: `<adlnav:presentation>` or other XML written inside the item after its sequencing. */
  extraXml?: string;
  page?: ScoPageSpec;
  /** A cluster's children. */
  children?: ItemSpec[];
}

export interface CourseSpec {
  version: ScormVersion;
  /** `<manifest identifier>`; also the default zip name (`<identifier>.zip`). */
  identifier: string;
  /** The organization's title: the course title after import. */
  title: string;
  items: ItemSpec[];
  /** 2004: the organization's `<imsss:sequencing>` element, written as given. */
  organizationSequencing?: string;
  /** 2004: `adlseq:objectivesGlobalToSystem` on the organization (not written when undefined). */
  objectivesGlobalToSystem?: boolean;
  /** 2004: `<imsss:sequencingCollection>` content (its `<imsss:sequencing ID=…>` children). */
  sequencingCollection?: string;
  /** More files in the package (path → content), listed in a shared asset resource. */
  extraFiles?: Record<string, string | Buffer>;
}
