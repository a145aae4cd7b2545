export * from './manifest.types';
export { ManifestError, isManifestError, type ManifestErrorCode } from './manifest-error';
export {
  parseManifest,
  MANIFEST_NAMESPACES,
  DEFAULT_MAX_MANIFEST_BYTES,
  DEFAULT_MAX_MANIFEST_DEPTH,
  DEFAULT_MAX_MANIFEST_ELEMENTS,
} from './manifest-parser';
export { joinParameters, hrefToPath } from './href';
export {
  DEFAULT_CONTROL_MODE,
  DEFAULT_DELIVERY_CONTROLS,
  DEFAULT_LIMIT_CONDITIONS,
  DEFAULT_RANDOMIZATION_CONTROLS,
  DEFAULT_CONSTRAINED_CHOICE,
  DEFAULT_ROLLUP_CONSIDERATIONS,
} from './sequencing';
export { readXml, type XmlElement } from './xml-tree';
export { Warnings } from './warnings';
