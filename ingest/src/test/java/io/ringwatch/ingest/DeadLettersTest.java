package io.ringwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

  @Test
  void shouldCarryReasonFieldDetailAndSourceInHeaders() {
    // given
    Rejection rejection = Rejection.of(RejectionReason.BAD_IP, "ip", "not an IPv4 or IPv6 address");
    // when
    Headers headers = DeadLetters.headers(rejection, "transactions", 3, 1234L);
    // then
    assertThat(DeadLetters.text(headers, DeadLetters.REASON)).isEqualTo("BAD_IP");
    assertThat(DeadLetters.text(headers, DeadLetters.FIELD)).isEqualTo("ip");
    assertThat(DeadLetters.text(headers, DeadLetters.DETAIL))
        .isEqualTo("not an IPv4 or IPv6 address");
    assertThat(DeadLetters.text(headers, DeadLetters.SOURCE_TOPIC)).isEqualTo("transactions");
    assertThat(DeadLetters.text(headers, DeadLetters.SOURCE_PARTITION)).isEqualTo("3");
    assertThat(DeadLetters.text(headers, DeadLetters.SOURCE_OFFSET)).isEqualTo("1234");
  }

  @Test
  void shouldOmitFieldHeaderWhenRejectionNamesNoField() {
    // when
    Headers headers =
        DeadLetters.headers(Rejection.of(RejectionReason.EMPTY, "no bytes"), "t", 0, 0);
    // then
    assertThat(headers.lastHeader(DeadLetters.FIELD)).isNull();
    assertThat(Rejection.of(RejectionReason.EMPTY, "no bytes").message())
        .isEqualTo("EMPTY: no bytes");
  }
}
