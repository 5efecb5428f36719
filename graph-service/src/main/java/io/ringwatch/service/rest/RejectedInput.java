package io.ringwatch.service.rest;

import io.ringwatch.ingest.Rejection;
import io.ringwatch.ingest.RejectionReason;
import java.util.EnumSet;
import java.util.Set;

/**
 * A request body the decoder rejected. Unreadable bodies (empty, oversized, not JSON) are 400;
 * readable ones with a missing or invalid field are 422, naming the field.
 */
public final class RejectedInput extends RuntimeException {
  private static final Set<RejectionReason> UNREADABLE =
      EnumSet.of(RejectionReason.EMPTY, RejectionReason.OVERSIZED, RejectionReason.MALFORMED_JSON);

  private final Rejection rejection;

  public RejectedInput(Rejection rejection) {
    super(rejection.message(), null, false, false);
    this.rejection = rejection;
  }

  public Rejection rejection() {
    return rejection;
  }

  public int status() {
    return UNREADABLE.contains(rejection.reason()) ? 400 : 422;
  }
}
