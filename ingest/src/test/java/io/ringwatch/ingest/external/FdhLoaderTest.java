package io.ringwatch.ingest.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.Transaction;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FdhLoaderTest {
  @TempDir Path temp;

  @Test
  void shouldLoadTheSampleAsCardPaymentsOfCustomersAtTerminals() throws Exception {
    ExternalDataset data = new FdhLoader().load(FdhSample.dir());

    assertThat(data.format()).isEqualTo("fdh");
    assertThat(data.counts())
        .containsEntry("transactions", 113_798L)
        .containsEntry("accounts", 999L)
        .containsEntry("merchants", 2_000L);
    Transaction first = data.transactions().get(0);
    assertThat(first.id().value()).isEqualTo("0");
    assertThat(first.account().value()).isEqualTo("596");
    assertThat(first.card().value()).isEqualTo("596");
    assertThat(first.merchant().value()).isEqualTo("577");
    assertThat(first.amount()).isEqualByComparingTo("57.16");
    assertThat(first.timestamp()).hasToString("2018-04-01T00:00:31Z");
    assertThat(first.channel()).isEqualTo(Channel.CARD);
    assertThat(data.transactions()).allMatch(t -> t.fraudLabel() == null);
  }

  @Test
  void shouldRefuseToReadTheLabelColumns() throws Exception {
    CsvFile file = CsvFile.in(FdhSample.dir(), "transactions.csv", new FdhLoader().labelColumns());

    for (String label : List.of("TX_FRAUD", "TX_FRAUD_SCENARIO")) {
      assertThatThrownBy(() -> file.forEach(List.of("TRANSACTION_ID", label), row -> {}))
          .isInstanceOf(LabelColumnException.class)
          .hasMessageContaining(label)
          .hasMessageContaining("--labels");
      assertThatThrownBy(() -> file.forEach(List.of("TRANSACTION_ID"), row -> row.get(label)))
          .isInstanceOf(LabelColumnException.class)
          .hasMessageContaining(label);
    }
  }

  @Test
  void shouldLoadTheSameEventsWhateverTheLabelColumnsSay() throws Exception {
    int fraud = FdhSample.column("TX_FRAUD");
    int scenario = FdhSample.column("TX_FRAUD_SCENARIO");
    Path original = FdhSample.copy(temp.resolve("original"), 10, row -> row);
    Path flipped =
        FdhSample.copy(
            temp.resolve("flipped"),
            10,
            row -> {
              row[fraud] = "1".equals(row[fraud]) ? "0" : "1";
              row[scenario] = "2";
              return row;
            });

    List<Transaction> fromOriginal = new FdhLoader().load(original).transactions();
    List<Transaction> fromFlipped = new FdhLoader().load(flipped).transactions();

    assertThat(fromOriginal).hasSizeGreaterThan(15_000);
    assertThat(fromFlipped).isEqualTo(fromOriginal);
  }
}
