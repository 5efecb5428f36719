package io.ringwatch.ingest.external;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.Transaction;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PaySim's {@code rawLog.csv} ({@code txId, step, action, amount, nameOrig, nameDest}; one step is
 * one hour from {@link #EPOCH}) and {@code clients.csv} ({@code id}). A payment to a client is a
 * transfer between accounts; to anyone else (merchants, banks) a payment to a merchant. {@code
 * isFraud}, {@code isFlaggedFraud} and the clients' {@code type} and {@code isFraud} are labels and
 * are refused.
 */
public final class PaySimLoader implements ExternalLoader {
  /** Step 0 of a PaySim run; PaySim has steps, not dates. */
  public static final Instant EPOCH = Instant.parse("2017-01-01T00:00:00Z");

  static final Set<String> LABELS = Set.of("isFraud", "isFlaggedFraud", "type");
  private static final List<String> COLUMNS =
      List.of("txId", "step", "action", "amount", "nameOrig", "nameDest");

  @Override
  public Set<String> labelColumns() {
    return LABELS;
  }

  @Override
  public ExternalDataset load(Path dir) throws IOException {
    Set<String> clients = new HashSet<>();
    CsvFile.in(dir, "clients.csv", LABELS)
        .forEach(List.of("id"), row -> clients.add(row.get("id")));
    List<Transaction> transactions = new ArrayList<>();
    long[] skipped = {0};
    CsvFile.in(dir, "rawLog.csv", LABELS)
        .forEach(
            COLUMNS,
            row -> {
              String from = row.get("nameOrig");
              String to = row.get("nameDest");
              if (from.equals(to)) {
                skipped[0]++;
                return;
              }
              try {
                Transaction.Builder builder =
                    Transaction.builder()
                        .id(row.get("txId"))
                        .account(from)
                        .amount(new BigDecimal(row.get("amount")))
                        .timestamp(EPOCH.plus(Duration.ofHours(Long.parseLong(row.get("step")))))
                        .paymentMethod(row.get("action"));
                if (clients.contains(to)) {
                  builder.counterparty(AccountId.of(to)).channel(Channel.TRANSFER);
                } else {
                  builder.merchant(MerchantId.of(to)).channel(Channel.ONLINE);
                }
                transactions.add(builder.build());
              } catch (IllegalArgumentException e) {
                throw new MalformedInputException(row.where() + ": " + e.getMessage(), e);
              }
            });
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("accounts", (long) clients.size());
    counts.put("transactions", (long) transactions.size());
    counts.put("self-payments skipped", skipped[0]);
    return new ExternalDataset("paysim", transactions, counts);
  }
}
