package io.ringwatch.ingest.external;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.Transaction;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IBM AMLSim's {@code transactions.csv} as account-to-account transfers ({@code tran_id, orig_acct,
 * bene_acct, tx_type, base_amt, tran_timestamp}) and {@code accounts.csv} as the account list. The
 * accounts' names, addresses and SSNs are synthetic fillers and are not read; {@code is_sar} and
 * {@code alert_id} are labels and are refused.
 */
public final class AmlSimLoader implements ExternalLoader {
  static final Set<String> LABELS = Set.of("is_sar", "alert_id", "prior_sar_count");
  private static final List<String> TRANSACTION_COLUMNS =
      List.of("tran_id", "orig_acct", "bene_acct", "base_amt", "tran_timestamp");

  @Override
  public Set<String> labelColumns() {
    return LABELS;
  }

  @Override
  public ExternalDataset load(Path dir) throws IOException {
    Set<String> accounts = new HashSet<>();
    if (CsvFile.exists(dir, "accounts.csv")) {
      CsvFile.in(dir, "accounts.csv", LABELS)
          .forEach(List.of("acct_id"), row -> accounts.add(row.get("acct_id")));
    }
    long listedAccounts = accounts.size();
    List<Transaction> transactions = new ArrayList<>();
    long[] selfTransfers = {0};
    CsvFile.in(dir, "transactions.csv", LABELS)
        .forEach(
            TRANSACTION_COLUMNS,
            row -> {
              String from = row.get("orig_acct");
              String to = row.get("bene_acct");
              accounts.add(from);
              accounts.add(to);
              if (from.equals(to)) {
                selfTransfers[0]++;
                return;
              }
              try {
                transactions.add(
                    Transaction.builder()
                        .id(row.get("tran_id"))
                        .account(from)
                        .counterparty(AccountId.of(to))
                        .amount(new BigDecimal(row.get("base_amt")))
                        .timestamp(Instant.parse(row.get("tran_timestamp")))
                        .channel(Channel.TRANSFER)
                        .paymentMethod(row.optional("tx_type"))
                        .build());
              } catch (NumberFormatException | DateTimeParseException e) {
                throw new MalformedInputException(row.where() + ": " + e.getMessage(), e);
              } catch (IllegalArgumentException e) {
                throw new MalformedInputException(row.where() + ": " + e.getMessage(), e);
              }
            });
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("accounts listed", listedAccounts);
    counts.put("accounts", (long) accounts.size());
    counts.put("transactions", (long) transactions.size());
    counts.put("self-transfers skipped", selfTransfers[0]);
    return new ExternalDataset("amlsim", transactions, counts);
  }
}
