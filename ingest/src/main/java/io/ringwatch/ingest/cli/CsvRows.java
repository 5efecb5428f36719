package io.ringwatch.ingest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringwatch.ingest.CanonicalJson;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Converts CSV rows to canonical JSON through a column mapping. Lines follow RFC 4180 quoting, one
 * record per line (quoted line breaks are not supported).
 */
final class CsvRows {
  static final Set<String> CANONICAL_FIELDS =
      Set.of(
          CanonicalJson.TRANSACTION_ID,
          CanonicalJson.ACCOUNT_ID,
          CanonicalJson.COUNTERPARTY_ID,
          CanonicalJson.AMOUNT,
          CanonicalJson.CURRENCY,
          CanonicalJson.TIMESTAMP,
          CanonicalJson.MERCHANT_ID,
          CanonicalJson.DEVICE_ID,
          CanonicalJson.IP,
          CanonicalJson.CARD_ID,
          CanonicalJson.LOCATION,
          CanonicalJson.PAYMENT_METHOD,
          CanonicalJson.CHANNEL,
          CanonicalJson.IS_FRAUD,
          "store.store_id",
          "store.event_type",
          "store.discount",
          "store.priority_shipping",
          "store.gift_wrap",
          "store.category",
          "store.sku",
          "store.qty");
  private static final Set<String> NUMBERS = Set.of("amount", "discount", "qty");
  private static final Set<String> BOOLEANS = Set.of("is_fraud", "priority_shipping", "gift_wrap");

  private final ObjectMapper json = new ObjectMapper();
  private final Map<Integer, String> fieldByColumn = new LinkedHashMap<>();

  /**
   * @param header the CSV header columns
   * @param mapping csv column to canonical field; empty means the header already uses canonical
   *     names (other columns are ignored)
   * @throws IllegalArgumentException naming the unknown column or field
   */
  CsvRows(List<String> header, Map<String, String> mapping) {
    for (int i = 0; i < header.size(); i++) {
      String column = header.get(i).strip();
      String field = mapping.isEmpty() ? column : mapping.get(column);
      if (field != null && CANONICAL_FIELDS.contains(field)) {
        fieldByColumn.put(i, field);
      }
    }
    for (Map.Entry<String, String> entry : mapping.entrySet()) {
      if (!CANONICAL_FIELDS.contains(entry.getValue())) {
        throw new IllegalArgumentException(
            "unknown canonical field '"
                + entry.getValue()
                + "'; expected one of "
                + new java.util.TreeSet<>(CANONICAL_FIELDS));
      }
      if (header.stream().map(String::strip).noneMatch(entry.getKey()::equals)) {
        throw new IllegalArgumentException(
            "CSV has no column '" + entry.getKey() + "'; header is " + header);
      }
    }
    if (fieldByColumn.isEmpty()) {
      throw new IllegalArgumentException(
          "no CSV column maps to a canonical field; use --map column=field,...");
    }
  }

  /** Parses {@code a=b,c=d} into an ordered map. */
  static Map<String, String> parseMapping(String text) {
    Map<String, String> mapping = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return mapping;
    }
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new IllegalArgumentException(
            "--map entries must look like csvColumn=canonicalField, got '" + pair + "'");
      }
      mapping.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
    }
    return mapping;
  }

  /** The canonical JSON object of one row; empty cells are left out. */
  ObjectNode toCanonical(List<String> row) {
    ObjectNode node = json.createObjectNode();
    fieldByColumn.forEach(
        (column, field) -> {
          if (column >= row.size() || row.get(column).isBlank()) {
            return;
          }
          String value = row.get(column).strip();
          ObjectNode target = node;
          String name = field;
          if (field.startsWith("store.")) {
            target = node.has("store") ? (ObjectNode) node.get("store") : node.putObject("store");
            name = field.substring("store.".length());
          }
          put(target, name, value);
        });
    return node;
  }

  private static void put(ObjectNode node, String name, String value) {
    if (NUMBERS.contains(name)) {
      try {
        node.put(name, new BigDecimal(value));
        return;
      } catch (NumberFormatException notANumber) {
        // keep the text: the decoder reports it as WRONG_TYPE with the field name
      }
    }
    if (BOOLEANS.contains(name)) {
      String lower = value.toLowerCase(Locale.ROOT);
      if (lower.equals("true") || lower.equals("false")) {
        node.put(name, Boolean.parseBoolean(lower));
        return;
      }
    }
    node.put(name, value);
  }

  /** Splits one CSV line, honouring double quotes and doubled quotes inside them. */
  static List<String> split(String line) {
    return io.ringwatch.ingest.external.CsvFile.split(line);
  }
}
