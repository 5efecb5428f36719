package io.ringwatch.ingest.external;

import io.ringwatch.detectors.domain.Transaction;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A generator's files read into canonical events, in event-time order (ties keep file order).
 *
 * @param format the format's name
 * @param transactions every event, sorted by timestamp
 * @param counts what the loader read, by name (accounts, identifiers, transactions, ...), in the
 *     order to report them
 */
public record ExternalDataset(
    String format, List<Transaction> transactions, Map<String, Long> counts) {
  public ExternalDataset {
    Objects.requireNonNull(format, "format");
    transactions =
        transactions.stream().sorted(Comparator.comparing(Transaction::timestamp)).toList();
    counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }
}
