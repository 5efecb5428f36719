package io.ringwatch.detectors.domain;

/** How a transaction reached us. */
public enum Channel {
  /** A card payment at a merchant or terminal. */
  CARD,
  /** An online payment (e-commerce, in-app). */
  ONLINE,
  /** A money transfer from one account to another. */
  TRANSFER,
  /** A web-store sale or inventory event. */
  STORE,
  /** A synchronous API call such as {@code POST /detect}. */
  API
}
