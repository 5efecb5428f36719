package io.ringwatch.ingest.external;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.Identity;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.Transaction;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * PaySim's {@code rawLog.csv} ({@code txId, step, action, amount, nameOrig, nameDest}) and {@code
 * clients.csv} ({@code id, ssn, email, phoneNumber}) as canonical events.
 *
 * <ul>
 *   <li><b>Time.</b> One step is one hour from {@link #EPOCH}. PaySim writes a step's events
 *       without a time of day; they are spread evenly over their hour in file order (the {@code
 *       k}th of {@code n} events at {@code k/n} of the hour), so that velocity windows shorter than
 *       an hour see a plausible rate instead of every event of the hour at one instant.
 *       Deterministic.
 *   <li><b>Actions.</b> Anything paid to a client ({@code TRANSFER}, or any action whose {@code
 *       nameDest} is in {@code clients.csv}) is a transfer between accounts. {@code PAYMENT} and
 *       {@code DEBIT} go to a merchant or bank on the online channel; {@code CASH_IN} and {@code
 *       CASH_OUT} happen at a merchant agent, on the card (terminal) channel. The action is kept as
 *       the payment method.
 *   <li><b>Identities.</b> Each client's SSN, e-mail and phone number travel with every transaction
 *       the client pays ({@link Identity}, ADR 0015), so that accounts opened on the same documents
 *       are linked. The name is not read: names collide by chance and identify nobody.
 * </ul>
 *
 * {@code isFraud}, {@code isFlaggedFraud} and the clients' {@code type} are labels and are refused.
 */
public final class PaySimLoader implements ExternalLoader {
  /** Step 0 of a PaySim run; PaySim has steps, not dates. */
  public static final Instant EPOCH = Instant.parse("2017-01-01T00:00:00Z");

  static final Set<String> LABELS = Set.of("isFraud", "isFlaggedFraud", "type");
  private static final List<String> COLUMNS =
      List.of("txId", "step", "action", "amount", "nameOrig", "nameDest");
  private static final Duration STEP = Duration.ofHours(1);

  @Override
  public Set<String> labelColumns() {
    return LABELS;
  }

  /** One row of the log, before its time within the step is known. */
  private record Row(
      String txId,
      long step,
      String action,
      BigDecimal amount,
      String from,
      String to,
      String where) {}

  @Override
  public ExternalDataset load(Path dir) throws IOException {
    Map<String, Identity> clients = new HashMap<>();
    Map<String, Set<String>> usersByDocument = new HashMap<>();
    CsvFile.in(dir, "clients.csv", LABELS)
        .forEach(
            List.of("id"),
            row -> {
              String id = row.get("id");
              Identity identity;
              try {
                identity =
                    Identity.of(
                        row.optional("ssn"), row.optional("email"), row.optional("phoneNumber"));
              } catch (IllegalArgumentException e) {
                throw new MalformedInputException(row.where() + ": " + e.getMessage(), e);
              }
              clients.put(id, identity);
              if (identity != null) {
                document(usersByDocument, "ssn", identity.ssn(), id);
                document(usersByDocument, "email", identity.email(), id);
                document(usersByDocument, "phone", identity.phone(), id);
              }
            });
    List<Row> rows = new ArrayList<>();
    Map<Long, Integer> perStep = new HashMap<>();
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
                long step = Long.parseLong(row.get("step"));
                if (step < 0) {
                  throw new IllegalArgumentException("negative step " + step);
                }
                rows.add(
                    new Row(
                        row.get("txId"),
                        step,
                        row.get("action").toUpperCase(Locale.ROOT),
                        new BigDecimal(row.get("amount")),
                        from,
                        to,
                        row.where()));
                perStep.merge(step, 1, Integer::sum);
              } catch (IllegalArgumentException e) {
                throw new MalformedInputException(row.where() + ": " + e.getMessage(), e);
              }
            });
    List<Transaction> transactions = new ArrayList<>(rows.size());
    Map<Long, Integer> seenInStep = new HashMap<>();
    Set<String> accounts = new HashSet<>(clients.keySet());
    long transfers = 0;
    for (Row row : rows) {
      int k = seenInStep.merge(row.step(), 1, Integer::sum) - 1;
      Instant at =
          EPOCH
              .plus(STEP.multipliedBy(row.step()))
              .plus(STEP.multipliedBy(k).dividedBy(perStep.get(row.step())));
      try {
        Transaction.Builder builder =
            Transaction.builder()
                .id(row.txId())
                .account(row.from())
                .amount(row.amount())
                .timestamp(at)
                .paymentMethod(row.action())
                .identity(clients.get(row.from()));
        accounts.add(row.from());
        if (clients.containsKey(row.to()) || row.action().equals("TRANSFER")) {
          builder.counterparty(AccountId.of(row.to())).channel(Channel.TRANSFER);
          accounts.add(row.to());
          transfers++;
        } else {
          builder.merchant(MerchantId.of(row.to())).channel(channelOf(row.action()));
        }
        transactions.add(builder.build());
      } catch (IllegalArgumentException e) {
        throw new MalformedInputException(row.where() + ": " + e.getMessage(), e);
      }
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("accounts", (long) accounts.size());
    counts.put("clients listed", (long) clients.size());
    counts.put(
        "clients with an identity", clients.values().stream().filter(i -> i != null).count());
    counts.put("identifiers", (long) usersByDocument.size());
    counts.put(
        "identifiers shared by 2+ clients",
        usersByDocument.values().stream().filter(users -> users.size() >= 2).count());
    counts.put("transactions", (long) transactions.size());
    counts.put("transfers", transfers);
    counts.put("self-payments skipped", skipped[0]);
    return new ExternalDataset("paysim", transactions, counts);
  }

  private static void document(
      Map<String, Set<String>> usersByDocument, String kind, String value, String client) {
    if (value != null) {
      usersByDocument.computeIfAbsent(kind + ":" + value, k -> new HashSet<>()).add(client);
    }
  }

  private static Channel channelOf(String action) {
    return switch (action) {
      case "CASH_IN", "CASH_OUT" -> Channel.CARD;
      default -> Channel.ONLINE;
    };
  }
}
