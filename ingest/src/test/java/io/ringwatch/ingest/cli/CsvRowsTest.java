package io.ringwatch.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.ingest.DecodeResult;
import io.ringwatch.ingest.RejectionReason;
import io.ringwatch.ingest.TransactionDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRowsTest {
  private final TransactionDecoder decoder = new TransactionDecoder();

  private DecodeResult decode(CsvRows rows, String line) {
    return decoder.decode(
        rows.toCanonical(CsvRows.split(line)).toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldConvertMappedCsvRowToDecodableCanonicalJson() {
    // given
    CsvRows rows =
        new CsvRows(
            CsvRows.split("txn,customer,value,when,shop,city,fraud"),
            CsvRows.parseMapping(
                "txn=transaction_id,customer=account_id,value=amount,when=timestamp,shop=merchant_id,city=location,fraud=is_fraud"));
    // when
    DecodeResult result = decode(rows, "t-1,a-1,12.50,2025-01-01T00:00:00Z,m-1,\"Paris, FR\",true");
    // then
    Transaction t = ((DecodeResult.Accepted) result).transaction();
    assertThat(t.id().value()).isEqualTo("t-1");
    assertThat(t.account().value()).isEqualTo("a-1");
    assertThat(t.amount()).isEqualByComparingTo("12.50");
    assertThat(t.merchant().value()).isEqualTo("m-1");
    assertThat(t.location()).isEqualTo("Paris, FR");
    assertThat(t.fraudLabel()).isTrue();
  }

  @Test
  void shouldKeepBadAmountAsTextSoTheDecoderNamesTheField() {
    CsvRows rows =
        new CsvRows(
            List.of("transaction_id", "account_id", "amount", "timestamp"), java.util.Map.of());
    DecodeResult result = decode(rows, "t,a,twelve,1700000000000");
    assertThat(((DecodeResult.Rejected) result).rejection().reason())
        .isEqualTo(RejectionReason.WRONG_TYPE);
    assertThat(((DecodeResult.Rejected) result).rejection().field()).isEqualTo("amount");
  }

  @Test
  void shouldSplitQuotedCellsWithDoubledQuotes() {
    assertThat(CsvRows.split("a,\"b,\"\"c\"\"\",,d")).containsExactly("a", "b,\"c\"", "", "d");
  }

  @Test
  void shouldRejectMappingToMissingColumn() {
    assertThatThrownBy(() -> new CsvRows(List.of("a"), CsvRows.parseMapping("b=amount")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no column 'b'");
  }
}
