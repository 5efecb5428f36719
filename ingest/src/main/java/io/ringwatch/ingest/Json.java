package io.ringwatch.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson configuration of the module: strict, bounded and exact with decimals. */
final class Json {
  /** Deeper documents are rejected while streaming, before they can exhaust the stack. */
  static final int MAX_NESTING = 32;

  /** Longest number literal accepted; the amount limits are far below this. */
  static final int MAX_NUMBER_LENGTH = 100;

  private Json() {}

  static ObjectMapper mapper(int maxBytes) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(Math.max(maxBytes, 1024))
                    .maxNameLength(1024)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        // keep 12.50 as 12.50: the canonical round trip must be exact
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();
  }
}
