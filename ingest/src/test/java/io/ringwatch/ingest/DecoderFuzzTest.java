package io.ringwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecoderFuzzTest {
  private final TransactionDecoder decoder = new TransactionDecoder(4096);

  @Test
  void shouldNeverThrowOnTenThousandRandomByteArrays() {
    // given
    Random random = new Random(20250301L);
    int accepted = 0;
    // when
    for (int i = 0; i < 10_000; i++) {
      byte[] value = new byte[random.nextInt(200)];
      random.nextBytes(value);
      DecodeResult result = decoder.decode(value);
      // then
      assertThat(result).isNotNull();
      if (result.isAccepted()) {
        accepted++;
      }
    }
    assertThat(accepted).isZero();
  }

  @Test
  void shouldNeverThrowOnTenThousandMutatedValidRecords() {
    // given a valid canonical record
    byte[] valid =
        CanonicalJson.encode(
            Transaction.builder()
                .id("t-1")
                .account("a-1")
                .amount(new BigDecimal("12.34"))
                .timestamp(Instant.parse("2025-01-01T00:00:00Z"))
                .ip(io.ringwatch.detectors.domain.IpAddress.of("10.1.2.3"))
                .build());
    String[] fragments = {
      "{", "}", "[", "]", "\"", ":", ",", "-", "1e999", "null", "true", "\\u0000", "NaN"
    };
    Random random = new Random(7L);
    int rejected = 0;
    // when
    for (int i = 0; i < 10_000; i++) {
      StringBuilder text =
          new StringBuilder(new String(valid, java.nio.charset.StandardCharsets.UTF_8));
      int mutations = 1 + random.nextInt(4);
      for (int m = 0; m < mutations; m++) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(3)) {
          case 0 -> text.deleteCharAt(at);
          case 1 -> text.insert(at, fragments[random.nextInt(fragments.length)]);
          default -> text.setCharAt(at, (char) random.nextInt(128));
        }
      }
      DecodeResult result =
          decoder.decode(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      // then
      assertThat(result).isNotNull();
      if (result instanceof DecodeResult.Rejected r) {
        assertThat(r.rejection().reason()).isNotNull();
        rejected++;
      }
    }
    assertThat(rejected).isGreaterThan(5_000);
  }
}
