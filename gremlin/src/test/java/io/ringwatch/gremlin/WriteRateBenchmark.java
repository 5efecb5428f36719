package io.ringwatch.gremlin;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.DeviceId;
import io.ringwatch.detectors.domain.IpAddress;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.gremlin.TransactionWriter.WriteResult;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the writer's rate on BerkeleyJE: 20,000 simulated transactions (seeded) in batches of
 * 100, then the same again as a replay. Excluded from the default build; run with {@code ./mvnw -pl
 * gremlin test -Dbenchmark -Dtest=WriteRateBenchmark}.
 */
@Tag("benchmark")
class WriteRateBenchmark {

  private static final int TRANSACTIONS = Integer.getInteger("benchmark.transactions", 20_000);
  private static final int BATCH = 100;

  @Test
  void measureWriteRateOnBerkeleyJe(@TempDir Path directory) {
    List<Transaction> traffic = simulate(new Random(42), TRANSACTIONS);
    try (RingwatchGraph graph = RingwatchGraph.open(GraphSettings.berkeleyJe(directory))) {
      long start = System.nanoTime();
      int written = 0;
      for (int i = 0; i < traffic.size(); i += BATCH) {
        written +=
            graph.writer().write(traffic.subList(i, Math.min(i + BATCH, traffic.size()))).written();
      }
      double seconds = (System.nanoTime() - start) / 1e9;

      long replayStart = System.nanoTime();
      int duplicates = 0;
      for (int i = 0; i < traffic.size(); i += BATCH) {
        WriteResult r =
            graph.writer().write(traffic.subList(i, Math.min(i + BATCH, traffic.size())));
        duplicates += r.duplicates();
      }
      double replaySeconds = (System.nanoTime() - replayStart) / 1e9;

      System.out.printf(
          "WriteRateBenchmark BerkeleyJE: %d transactions in %.1f s = %.0f tx/s (batches of %d); "
              + "replay of all as duplicates: %.0f tx/s%n",
          written, seconds, written / seconds, BATCH, duplicates / replaySeconds);
      assertThat(written).isEqualTo(TRANSACTIONS);
      assertThat(duplicates).isEqualTo(TRANSACTIONS);
    }
  }

  /** Seeded traffic: 5,000 accounts, 3,000 devices, 2,000 IPs, 500 merchants, 10% transfers. */
  static List<Transaction> simulate(Random random, int n) {
    List<Transaction> out = new ArrayList<>(n);
    Instant t = Instant.parse("2026-11-01T00:00:00Z");
    for (int i = 0; i < n; i++) {
      int account = random.nextInt(5_000);
      Transaction.Builder b =
          Transaction.builder()
              .id("bench-" + i)
              .account(AccountId.of("acc-" + account))
              .amount(BigDecimal.valueOf(100 + random.nextInt(100_000), 2))
              .currency("EUR")
              .timestamp(t.plusSeconds(i))
              .device(DeviceId.of("dev-" + random.nextInt(3_000)))
              .ip(IpAddress.of("10.0." + random.nextInt(8) + "." + random.nextInt(250)));
      if (random.nextInt(10) == 0) {
        int to = random.nextInt(5_000);
        b.channel(Channel.TRANSFER)
            .counterparty(AccountId.of("acc-" + (to == account ? to + 1 : to)));
      } else {
        b.channel(Channel.CARD).merchant(MerchantId.of("mer-" + random.nextInt(500)));
      }
      out.add(b.build());
    }
    return out;
  }
}
