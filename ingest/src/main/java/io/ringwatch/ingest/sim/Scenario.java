package io.ringwatch.ingest.sim;

/** A labelled fraud pattern the simulator injects into benign traffic. */
public enum Scenario {
  /** One card swiped 10+ times within a minute. */
  VELOCITY,
  /** 4–30 accounts transacting from one shared device. */
  DEVICE_RING,
  /** 4–30 accounts transacting from one shared (non-public) IP address. */
  IP_RING,
  /** Transfers A→B→…→A closing a loop of 3–8 hops within hours. */
  TRANSFER_LOOP,
  /** Many accounts transferring to one mule, who then cashes out. */
  FAN_IN,
  /** One account transferring to many, who then cash out. */
  FAN_OUT,
  /** Web-store sales with a discount above 50% and priority shipping. */
  DISCOUNT_ABUSE
}
