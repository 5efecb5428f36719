package io.ringwatch.gremlin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the graph knows about one account. Lists are sorted and hold at most {@link #MAX_LIST}
 * entries; counts and the total are exact. Pseudo-merchants ({@code channel:API}) are left out of
 * {@code merchants} but their payments are counted.
 *
 * @param accountId the account
 * @param devices device ids the account used
 * @param ips addresses the account connected from
 * @param merchants merchants the account paid
 * @param counterpartiesOut accounts this account transferred to
 * @param counterpartiesIn accounts that transferred to this account
 * @param payments number of payments
 * @param transfersOut number of transfers sent
 * @param transfersIn number of transfers received
 * @param totalPaid sum of payment amounts (mixed currencies are added as they are)
 * @param firstSeen earliest payment or transfer, sent or received; null when none
 * @param lastSeen latest payment or transfer, sent or received; null when none
 */
public record AccountSummary(
    String accountId,
    List<String> devices,
    List<String> ips,
    List<String> merchants,
    List<String> counterpartiesOut,
    List<String> counterpartiesIn,
    long payments,
    long transfersOut,
    long transfersIn,
    BigDecimal totalPaid,
    Instant firstSeen,
    Instant lastSeen) {

  /** Most entries returned per list. */
  public static final int MAX_LIST = 100;

  public AccountSummary {
    devices = List.copyOf(devices);
    ips = List.copyOf(ips);
    merchants = List.copyOf(merchants);
    counterpartiesOut = List.copyOf(counterpartiesOut);
    counterpartiesIn = List.copyOf(counterpartiesIn);
  }
}
