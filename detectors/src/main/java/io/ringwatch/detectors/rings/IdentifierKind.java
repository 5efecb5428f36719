package io.ringwatch.detectors.rings;

/** The kinds of identifier that link two accounts when both use the same one. */
public enum IdentifierKind {
  DEVICE,
  IP,
  CARD
}
