package io.ringwatch.ingest.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.Identity;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.ingest.CanonicalJson;
import io.ringwatch.ingest.DecodeResult;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PaySim loader on the shared sample (read in place): counts, identities, labels unread. */
class PaySimLoaderTest {
  private static Path sample;
  private static ExternalDataset data;

  @BeforeAll
  static void load() throws IOException {
    sample = SharedData.sample("paysim-sample");
    data = new PaySimLoader().load(sample);
  }

  @Test
  void shouldReadEveryAccountIdentifierAndTransactionOfTheSample() {
    assertThat(data.format()).isEqualTo("paysim");
    assertThat(data.counts())
        .containsEntry("accounts", 770L)
        .containsEntry("clients listed", 770L)
        .containsEntry("clients with an identity", 770L)
        .containsEntry("identifiers", 2078L)
        .containsEntry("identifiers shared by 2+ clients", 117L)
        .containsEntry("transactions", 87_273L)
        .containsEntry("transfers", 5471L);
    assertThat(data.transactions()).hasSize(87_273);
    assertThat(data.transactions().stream().filter(Transaction::isTransfer)).hasSize(5471);
  }

  @Test
  void shouldCarryEachClientsNormalisedIdentityOnTheTransactionsItPays() {
    // the first row of rawLog.csv: 4534262424710518 transfers 27.14 to 4889265603994705 at step 0
    Transaction first =
        data.transactions().stream().filter(t -> t.id().value().equals("1")).findFirst().get();
    assertThat(first.account()).isEqualTo(AccountId.of("4534262424710518"));
    assertThat(first.counterparty()).isEqualTo(AccountId.of("4889265603994705"));
    assertThat(first.channel()).isEqualTo(Channel.TRANSFER);
    assertThat(first.paymentMethod()).isEqualTo("TRANSFER");
    Identity identity = first.identity();
    assertThat(identity).isNotNull();
    assertThat(identity.ssn()).matches("\\d{9}");
    assertThat(identity.email()).contains("@").isLowerCase();
    assertThat(identity.phone()).matches("\\d{9,10}");
    // every transaction of one payer carries the same identity
    Map<AccountId, List<Identity>> byAccount =
        data.transactions().stream()
            .collect(
                Collectors.groupingBy(
                    Transaction::account,
                    Collectors.mapping(Transaction::identity, Collectors.toList())));
    assertThat(byAccount.values()).allMatch(ids -> ids.stream().distinct().count() == 1);
  }

  @Test
  void shouldMapActionsToTransfersPaymentsAndCashAtAgents() {
    Map<String, List<Channel>> channels =
        data.transactions().stream()
            .collect(
                Collectors.groupingBy(
                    Transaction::paymentMethod,
                    Collectors.mapping(Transaction::channel, Collectors.toList())));
    assertThat(channels.get("TRANSFER")).containsOnly(Channel.TRANSFER);
    assertThat(channels.get("PAYMENT")).containsOnly(Channel.ONLINE);
    assertThat(channels.get("DEBIT")).containsOnly(Channel.ONLINE);
    assertThat(channels.get("CASH_IN")).containsOnly(Channel.CARD);
    assertThat(channels.get("CASH_OUT")).containsOnly(Channel.CARD);
    assertThat(data.transactions().stream().filter(t -> !t.isTransfer()))
        .allMatch(t -> t.merchant() != null);
  }

  @Test
  void shouldSpreadAStepsEventsOverItsHourInFileOrderDeterministically() throws IOException {
    List<Transaction> events = data.transactions();
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).timestamp()).isAfterOrEqualTo(events.get(i - 1).timestamp());
    }
    // step 1 holds rows 2.. of the file: all within 01:00..02:00, the first at 01:00 sharp
    List<Transaction> stepOne =
        events.stream()
            .filter(
                t ->
                    !t.timestamp().isBefore(PaySimLoader.EPOCH.plus(Duration.ofHours(1)))
                        && t.timestamp().isBefore(PaySimLoader.EPOCH.plus(Duration.ofHours(2))))
            .toList();
    assertThat(stepOne).isNotEmpty();
    assertThat(stepOne.get(0).id().value()).isEqualTo("2");
    assertThat(stepOne.get(0).timestamp()).isEqualTo(PaySimLoader.EPOCH.plus(Duration.ofHours(1)));
    assertThat(stepOne.stream().map(Transaction::timestamp).distinct()).hasSize(stepOne.size());
    assertThat(new PaySimLoader().load(sample).transactions()).isEqualTo(events);
  }

  @Test
  void shouldReachKafkaAsCanonicalJsonThatDecodesToTheSameEventsIdentitiesIncluded() {
    // ringwatch load --format paysim publishes CanonicalJson.encode of these very events; the
    // service decodes them into what evaluate replays (one code path, ADR 0015)
    for (Transaction t : data.transactions()) {
      DecodeResult decoded = CanonicalJson.decode(CanonicalJson.encode(t));
      assertThat(decoded).isInstanceOf(DecodeResult.Accepted.class);
      assertThat(((DecodeResult.Accepted) decoded).transaction()).isEqualTo(t);
    }
  }

  @Test
  void shouldRefuseToReadTheLabelColumns() throws IOException {
    CsvFile log = CsvFile.in(sample, "rawLog.csv", PaySimLoader.LABELS);
    assertThatThrownBy(() -> log.forEach(List.of("txId", "isFraud"), row -> {}))
        .isInstanceOf(LabelColumnException.class)
        .hasMessageContaining("isFraud")
        .hasMessageContaining("--labels");
    CsvFile clients = CsvFile.in(sample, "clients.csv", PaySimLoader.LABELS);
    assertThatThrownBy(() -> clients.forEach(List.of("id"), row -> row.optional("type")))
        .isInstanceOf(LabelColumnException.class)
        .hasMessageContaining("type");
    assertThatThrownBy(() -> clients.forEach(List.of("isFraud"), row -> {}))
        .isInstanceOf(LabelColumnException.class);
  }

  @Test
  void shouldLoadTheSameEventsWhenEveryLabelIsFlipped(@TempDir Path flipped) throws IOException {
    // given a copy of the sample (in a temporary directory) with isFraud and type inverted
    rewrite(sample.resolve("rawLog.csv.gz"), flipped.resolve("rawLog.csv.gz"), flip("isFraud"));
    rewrite(
        sample.resolve("clients.csv.gz"),
        flipped.resolve("clients.csv.gz"),
        cells -> flip("type").apply(flip("isFraud").apply(cells)));

    // when it is loaded
    ExternalDataset again = new PaySimLoader().load(flipped);

    // then nothing that reaches the detectors changed
    assertThat(again.transactions()).isEqualTo(data.transactions());
    assertThat(again.counts()).isEqualTo(data.counts());
  }

  /** Inverts one column: 0/1, true/false, CLIENT/MULE; the header row names the column. */
  private static UnaryOperator<List<String>> flip(String column) {
    return new UnaryOperator<>() {
      int index = -1;

      @Override
      public List<String> apply(List<String> cells) {
        if (index < 0) {
          index = cells.indexOf(column);
          return cells;
        }
        List<String> out = new ArrayList<>(cells);
        String v = out.get(index);
        out.set(
            index,
            switch (v) {
              case "0" -> "1";
              case "1" -> "0";
              case "true" -> "false";
              case "false" -> "true";
              case "CLIENT" -> "MULE";
              case "MULE" -> "CLIENT";
              default -> v;
            });
        return out;
      }
    };
  }

  private static void rewrite(Path from, Path to, UnaryOperator<List<String>> edit)
      throws IOException {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(from)), StandardCharsets.UTF_8));
        BufferedWriter out =
            new BufferedWriter(
                new OutputStreamWriter(
                    new GZIPOutputStream(Files.newOutputStream(to)), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(String.join(",", edit.apply(CsvFile.split(line))));
        out.write('\n');
      }
    }
  }
}
