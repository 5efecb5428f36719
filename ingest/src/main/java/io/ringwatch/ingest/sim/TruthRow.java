package io.ringwatch.ingest.sim;

import java.util.Objects;

/**
 * The ground truth of one injected fraud event.
 *
 * @param eventId the transaction id of the event
 * @param accountId the acting (paying or sending) account
 * @param scenario the injected pattern
 * @param ringId the group the account belongs to ({@code R-<seed>-<n>}), or null for single-account
 *     scenarios
 */
public record TruthRow(String eventId, String accountId, Scenario scenario, String ringId) {
  public TruthRow {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(scenario, "scenario");
  }
}
