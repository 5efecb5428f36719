package io.ringwatch.ingest.external;

import io.ringwatch.detectors.domain.CardId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.Transaction;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Fraud Detection Handbook's {@code transactions.csv} ({@code TRANSACTION_ID, TX_DATETIME,
 * CUSTOMER_ID, TERMINAL_ID, TX_AMOUNT}) as card payments: a customer is an account paying with its
 * card, a terminal is a merchant. {@code TX_FRAUD} and {@code TX_FRAUD_SCENARIO} are labels and are
 * refused; the customer and terminal profile files hold the generator's hidden parameters and are
 * not read.
 */
public final class FdhLoader implements ExternalLoader {
  static final Set<String> LABELS = Set.of("TX_FRAUD", "TX_FRAUD_SCENARIO");
  private static final List<String> COLUMNS =
      List.of("TRANSACTION_ID", "TX_DATETIME", "CUSTOMER_ID", "TERMINAL_ID", "TX_AMOUNT");
  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm:ss");

  @Override
  public Set<String> labelColumns() {
    return LABELS;
  }

  @Override
  public ExternalDataset load(Path dir) throws IOException {
    List<Transaction> transactions = new ArrayList<>();
    Set<String> customers = new HashSet<>();
    Set<String> terminals = new HashSet<>();
    CsvFile.in(dir, "transactions.csv", LABELS)
        .forEach(
            COLUMNS,
            row -> {
              String customer = row.get("CUSTOMER_ID");
              String terminal = row.get("TERMINAL_ID");
              customers.add(customer);
              terminals.add(terminal);
              try {
                transactions.add(
                    Transaction.builder()
                        .id(row.get("TRANSACTION_ID"))
                        .account(customer)
                        .card(CardId.of(customer))
                        .merchant(MerchantId.of(terminal))
                        .amount(new BigDecimal(row.get("TX_AMOUNT")))
                        .timestamp(
                            LocalDateTime.parse(row.get("TX_DATETIME"), DATETIME)
                                .toInstant(ZoneOffset.UTC))
                        .channel(Channel.CARD)
                        .build());
              } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new MalformedInputException(row.where() + ": " + e.getMessage(), e);
              }
            });
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("accounts", (long) customers.size());
    counts.put("merchants", (long) terminals.size());
    counts.put("transactions", (long) transactions.size());
    return new ExternalDataset("fdh", transactions, counts);
  }
}
